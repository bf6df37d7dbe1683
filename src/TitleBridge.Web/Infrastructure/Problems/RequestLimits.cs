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
        // Kestrel enforces the limit on a body without Content-Length (chunked) as it arrives; the counting
        // stream does it wherever the server does not (and answers 413 even if a reader swallowed the error).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = max;
        }
        LimitedBody? limited = null;
        if (context.Request.ContentLength is null)
        {
            context.Request.Body = limited = new LimitedBody(context.Request.Body, max);
        }
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException) when (limited is { Exceeded: true } && !context.Response.HasStarted)
        {
        }
        if (limited is { Exceeded: true } && !context.Response.HasStarted)
        {
            context.Response.Clear();
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, new(
                $"This request may carry at most {max:N0} bytes.", $"此请求最多 {max:N0} 字节。"));
        }
    });

    /// <summary>A request body that stops being read past its limit.</summary>
    private sealed class LimitedBody(Stream inner, long max) : Stream
    {
        private long _read;

        public bool Exceeded { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > max)
            {
                Exceeded = true;
                throw new BadHttpRequestException("The request body is too large.", StatusCodes.Status413PayloadTooLarge);
            }
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

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

    /// <summary>
    /// A write carrying the sign-in cookie must come from this site: a browser says where a request comes
    /// from (Sec-Fetch-Site, Origin), and another site's form or script is refused with 403 even where
    /// SameSite would let the cookie through (a sibling subdomain, an old browser).
    /// </summary>
    public static IApplicationBuilder UseApiSameSiteWrites(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HostSetup.IsApi(context) && IsWrite(request.Method) && request.Cookies.ContainsKey(AuthCookie) && !FromThisSite(context))
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, new(
                "A signed-in change must be made from TitleBridge's own pages or with a client that does not send another site's origin.",
                "已登录的修改操作须从 TitleBridge 自身页面发出，或由不带其他网站来源的客户端发出。"));
            return;
        }
        await next(context);
    });

    /// <summary>Answers to a signed-in person carry their data (or their name in the page): never stored by a browser or proxy cache.</summary>
    public static IApplicationBuilder UseNoStoreWhenSignedIn(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated == true || context.Request.Path.StartsWithSegments("/api/account"))
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        await next(context);
    });

    public const string AuthCookie = "tb.auth";

    private static bool FromThisSite(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return false;
        }
        if (headers.Origin.ToString() is not { Length: > 0 } origin)
        {
            return true;
        }
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var from))
        {
            return false;
        }
        var configured = context.RequestServices.GetRequiredService<PublicLinks>().Base;
        var own = new Uri($"{context.Request.Scheme}://{context.Request.Host}");
        return SameOrigin(from, configured) || SameOrigin(from, own);
    }

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

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
