using System.Globalization;
using System.Net;
using System.Text;
using TitleBridge.Domain.Common;

namespace TitleBridge.Web.Infrastructure.Email;

/// <summary>An email written out in one language, ready to be stored in the outbox.</summary>
public sealed record RenderedEmail(string Subject, string TextBody, string HtmlBody);

/// <summary>A piece of an email body. Texts are pairs so that no template can forget a language.</summary>
public abstract record EmailBlock;

public sealed record EmailParagraph(BilingualText Text) : EmailBlock;

/// <summary>A link the reader is meant to follow; in plain text it stands on a line of its own so mail programs make it clickable.</summary>
public sealed record EmailLink(BilingualText Label, Uri Url) : EmailBlock;

/// <summary>
/// A link to the page of this service that the email is about (<c>/applications/{id}</c>): the template names the
/// path, the outbox makes it absolute from the configured public address (never from a request's Host header).
/// </summary>
public sealed record EmailPageLink(BilingualText Label, string Path) : EmailBlock;

/// <summary>A list of items given by people (e.g. what to correct); shown as written, in whatever language they were written.</summary>
public sealed record EmailList(IReadOnlyList<string> Items) : EmailBlock;

/// <summary>
/// An email TitleBridge sends, with its arguments typed. Each template states its subject and body in
/// both languages as <see cref="BilingualText"/> pairs built with string interpolation, so there are no
/// placeholders to forget and the compiler checks every argument (docs/decisions/0006-outbox-and-files.md).
/// Add a template: a sealed record deriving from this one, and an example in the template tests.
/// </summary>
public abstract record EmailTemplate
{
    private static readonly BilingualText Footer = new(
        "This message was sent automatically by TitleBridge, Guangzhou's recognition of overseas professional qualifications. Please do not reply to it.",
        "本邮件由 TitleBridge 职称通（广州市境外职业资格比照认定职称服务）自动发送，请勿直接回复。");

    /// <summary>The stable name stored with each email (<see cref="Data.OutboxEmail.TemplateKey"/>).</summary>
    public string Key => GetType().Name;

    protected abstract BilingualText Subject { get; }

    protected abstract IEnumerable<EmailBlock> Body { get; }

    /// <summary>
    /// Writes the email in the recipient's language ("zh-Hans" or "en"), greeting them by name when known;
    /// <paramref name="site"/> is the public address page links are made absolute with.
    /// </summary>
    public RenderedEmail Render(string culture, string recipientName, Uri site)
    {
        var chinese = culture.StartsWith("zh", StringComparison.OrdinalIgnoreCase);
        string Pick(BilingualText t) => chinese ? t.Zh : t.En;

        var name = recipientName.Trim();
        var greeting = chinese
            ? (name.Length > 0 ? $"{name}，您好：" : "您好：")
            : (name.Length > 0 ? $"Dear {name}," : "Hello,");

        var text = new StringBuilder();
        var html = new StringBuilder();
        var lang = chinese ? Localization.Chinese : Localization.English;
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{Encode(Pick(Subject))}</title></head>");
        html.Append("<body style=\"font-family:sans-serif;line-height:1.5;max-width:40em\">");

        text.Append(greeting).Append("\n\n");
        html.Append("<p>").Append(Encode(greeting)).Append("</p>");
        foreach (var block in Body)
        {
            switch (block)
            {
                case EmailParagraph p:
                    text.Append(Pick(p.Text)).Append("\n\n");
                    html.Append("<p>").Append(Encode(Pick(p.Text))).Append("</p>");
                    break;
                case EmailLink l:
                    AppendLink(Pick(l.Label), l.Url);
                    break;
                case EmailPageLink l:
                    AppendLink(Pick(l.Label), new Uri(site, l.Path.TrimStart('/')));
                    break;
                case EmailList list:
                    foreach (var item in list.Items)
                    {
                        text.Append("- ").Append(item).Append('\n');
                    }
                    text.Append('\n');
                    html.Append("<ul>");
                    foreach (var item in list.Items)
                    {
                        html.Append("<li>").Append(Encode(item)).Append("</li>");
                    }
                    html.Append("</ul>");
                    break;
                default:
                    throw new InvalidOperationException($"Unknown email block {block.GetType().Name}.");
            }
        }
        text.Append("-- \n").Append(Pick(Footer)).Append('\n');
        void AppendLink(string label, Uri url)
        {
            text.Append(label).Append('\n').Append(url.AbsoluteUri).Append("\n\n");
            html.Append("<p><a href=\"").Append(Encode(url.AbsoluteUri)).Append("\">").Append(Encode(label)).Append("</a></p>");
        }
        html.Append("<hr><p style=\"color:#555;font-size:small\">").Append(Encode(Pick(Footer))).Append("</p></body></html>");
        return new RenderedEmail(Pick(Subject), text.ToString(), html.ToString());
    }

    /// <summary>The applicant's own page of an application, where the next step is.</summary>
    protected static EmailPageLink ApplicationPage(Guid applicationId) =>
        new(new("See your application", "查看您的申报"), $"/applications/{applicationId}");

    /// <summary>A legal date as people write it: 2026年12月5日 / 5 December 2026.</summary>
    protected static BilingualText Date(DateOnly date) => new(
        date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en")),
        date.ToString("yyyy年M月d日", CultureInfo.InvariantCulture));

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
