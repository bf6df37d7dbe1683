using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Problems;

/// <summary>
/// The stable <c>type</c> of every problem document the API writes (RFC 9457 §3.1.1), and the message in
/// both languages for an answer that carries no more specific one. Programs branch on <c>type</c> (and on
/// <c>code</c> for the specific refusal); people read <c>title</c> (their language) or <c>message</c> (both).
/// The types are URNs: stable names, not addresses (docs/security.md lists them).
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:titlebridge:problem:";

    public const string Validation = Prefix + "validation";
    public const string NotFound = Prefix + "not-found";
    public const string Conflict = Prefix + "conflict";
    public const string Forbidden = Prefix + "forbidden";
    public const string Unprocessable = Prefix + "unprocessable";
    public const string Unauthorized = Prefix + "unauthorized";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string TooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string TooManyRequests = Prefix + "too-many-requests";
    public const string ServerError = Prefix + "server-error";
    public const string Unavailable = Prefix + "unavailable";

    private static readonly Dictionary<int, (string Type, BilingualText Message)> ByStatus = new()
    {
        [400] = (Validation, new("The request has problems; each field below says what is wrong.", "请求有误，请按下列各字段的说明修改。")),
        [401] = (Unauthorized, new("Sign in to use this.", "请先登录。")),
        [403] = (Forbidden, new("You may not do this.", "您无权进行此操作。")),
        [404] = (NotFound, new("There is nothing at this address.", "此地址没有内容。")),
        [405] = (MethodNotAllowed, new("This address does not accept this kind of request (HTTP method).", "此地址不接受该类请求（HTTP 方法）。")),
        [406] = (Prefix + "not-acceptable", new("This address answers in JSON only.", "此地址只以 JSON 应答。")),
        [408] = (Prefix + "request-timeout", new("The request took too long to arrive.", "请求发送超时。")),
        [409] = (Conflict, new("This cannot be done in the current state.", "当前状态下不能进行此操作。")),
        [413] = (TooLarge, new("The request is too large.", "请求内容过大。")),
        [415] = (UnsupportedMediaType, new("Send the request as JSON (Content-Type: application/json).", "请以 JSON 格式发送请求（Content-Type: application/json）。")),
        [422] = (Unprocessable, new("This cannot be done with what there is; each problem below says what is missing.", "现有条件下无法办理，缺少的内容见下列各项。")),
        [429] = (TooManyRequests, new("Too many requests. Wait a moment and try again.", "请求过于频繁，请稍后再试。")),
        [500] = (ServerError, new("Something went wrong on our side. Please try again later.", "系统出现错误，请稍后重试。")),
        [503] = (Unavailable, new("The service is unavailable for a moment. Please try again later.", "服务暂时不可用，请稍后重试。")),
    };

    public static string For(int status) => ByStatus.TryGetValue(status, out var t) ? t.Type : Prefix + "http-" + status;

    public static BilingualText MessageFor(int status) =>
        ByStatus.TryGetValue(status, out var t) ? t.Message
        : status >= 500 ? ByStatus[500].Message
        : new("The request cannot be answered.", "无法处理该请求。");

    /// <summary>The <c>message</c> member: the same text in both languages, <c>{ "en": …, "zh": … }</c>.</summary>
    public static Dictionary<string, string> Both(BilingualText text) => new() { ["en"] = text.En, ["zh"] = text.Zh };
}
