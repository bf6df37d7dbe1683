namespace TitleBridge.Web.Pages.Shared;

/// <summary>
/// What a confirmation step shows before an irreversible decision (recommend, accept, the once-only
/// correction notice): its title, what will happen, the "Yes, …" button, the form values to post again and
/// the page to go back to. Rendered by <c>_ConfirmStep</c>; nothing changes until its button is pressed.
/// </summary>
public sealed record ConfirmStep(
    string Title,
    IReadOnlyList<string> Lines,
    string Button,
    string Action,
    IReadOnlyList<(string Name, string? Value)> Hidden,
    string Back)
{
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>What the decision is about, as a summary list shown under the title (a held email: its subject, recipient, Message-ID).</summary>
    public IReadOnlyList<Row> Summary { get; init; } = [];

    /// <summary>The way back's text, when the page gone back to is not an application's.</summary>
    public string? BackText { get; init; }

    /// <summary>One line of the summary: its label and value, the value's language when it is not the page's, and whether it is a code to copy.</summary>
    public sealed record Row(string Term, string Value)
    {
        public string? Lang { get; init; }
        public bool Code { get; init; }
    }
}
