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
}
