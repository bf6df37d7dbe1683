using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// The API's door checks, before any handler reads a byte: the request body limit of the endpoint
/// (<see cref="InputLimits.RequestBodyBytes"/>, 413), and JSON only for writes (415; an endpoint that
/// takes another media type, the multipart upload, declares it with Accepts). Request bodies that are
/// bound by the framework are then checked by <see cref="RequestShapeFilter"/>.
/// </summary>
public static class RequestLimits
{
    /// <summary>After routing, so the endpoint (and its name) is known.</summary>
    public static IApplicationBuilder UseApiBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HostSetup.IsApi(context) || context.GetEndpoint() is not { } endpoint)
        {
            await next(context);
            return;
        }
        var limits = context.RequestServices.GetRequiredService<InputLimits>();
        var max = limits.RequestBodyBytes(endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName);
        if (context.Request.ContentLength > max)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, new(
                $"This request may carry at most {max:N0} bytes (this one has {context.Request.ContentLength:N0}).",
                $"此请求最多 {max:N0} 字节（现为 {context.Request.ContentLength:N0} 字节）。"));
            return;
        }
        // Kestrel enforces the limit on a body without Content-Length (chunked) as it arrives.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }
        await next(context);
    });

    /// <summary>After authorization, so that who may not use an endpoint learns nothing more than 401/403.</summary>
    public static IApplicationBuilder UseApiJsonOnlyWrites(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HostSetup.IsApi(context) && context.GetEndpoint() is { } endpoint && IsWrite(request.Method) && HasBody(request))
        {
            var accepted = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is { Count: > 0 } declared ? declared : ["application/json"];
            if (!Accepts(accepted, request.ContentType))
            {
                await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, new(
                    $"Send this request as {string.Join(" or ", accepted)}.", $"请以 {string.Join(" 或 ", accepted)} 格式发送此请求。"));
                return;
            }
        }
        await next(context);
    });

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || request.ContentType is not null || request.Headers.TransferEncoding.Count > 0;

    private static bool Accepts(IReadOnlyList<string> accepted, string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var sent) || sent.MediaType is null)
        {
            return false;
        }
        var type = sent.MediaType;
        return accepted.Any(a => string.Equals(a, type, StringComparison.OrdinalIgnoreCase)
            || (a == "application/json" && type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase)));
    }

    private static async Task WriteAsync(HttpContext context, int status, TitleBridge.Domain.Common.BilingualText detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Detail = detail.Pick() },
        });
    }
}

/// <summary>Checks the request records the framework bound from the body against the limits, and for null list entries.</summary>
public static class RequestShapeFilter
{
    public static TBuilder CheckRequestShapes<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var services = factory.ApplicationServices.GetRequiredService<Microsoft.Extensions.DependencyInjection.IServiceProviderIsService>();
            var bodies = factory.MethodInfo.GetParameters()
                .Select((p, i) => (p.ParameterType, Index: i))
                .Where(p => RequestShape.IsRequestRecord(p.ParameterType) && !services.IsService(p.ParameterType))
                .Select(p => p.Index)
                .ToArray();
            if (bodies.Length == 0)
            {
                return next;
            }
            var limits = factory.ApplicationServices.GetRequiredService<InputLimits>();
            return async context =>
            {
                var problems = bodies.SelectMany(i => RequestShape.Check(context.Arguments[i], limits)).ToList();
                return problems.Count > 0 ? ProblemAnswers.Invalid(problems) : await next(context);
            };
        });
}
