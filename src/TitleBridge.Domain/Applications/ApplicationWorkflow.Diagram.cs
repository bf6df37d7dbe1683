using System.Text;

namespace TitleBridge.Domain.Applications;

// The diagram and the transition table in docs/workflow.md are generated from Transitions, and a
// test fails when the committed file differs, so the document cannot drift (DESIGN.md).
public static partial class ApplicationWorkflow
{
    /// <summary>Mermaid stateDiagram-v2 text; edges are labelled "Trigger (Role)".</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> ").Append(nameof(ApplicationState.Draft)).Append('\n');
        foreach (var row in Transitions)
        {
            text.Append("    ").Append(row.From).Append(" --> ").Append(row.To)
                .Append(" : ").Append(row.Trigger).Append(" (").Append(string.Join(", ", row.Roles)).Append(")\n");
        }
        foreach (var state in Enum.GetValues<ApplicationState>().Where(IsTerminal))
        {
            text.Append("    ").Append(state).Append(" --> [*]\n");
        }
        return text.ToString();
    }

    /// <summary>Graphviz DOT text of the same table; terminal states are drawn with a double border.</summary>
    public static string ToDot()
    {
        var text = new StringBuilder();
        text.Append("digraph ApplicationWorkflow {\n");
        text.Append("    rankdir=LR;\n");
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            text.Append("    ").Append(state).Append(" [label=\"").Append(state).Append("\\n")
                .Append(WorkflowNames.Of(state).Zh).Append('"')
                .Append(IsTerminal(state) ? ", peripheries=2" : "").Append("];\n");
        }
        foreach (var row in Transitions)
        {
            text.Append("    ").Append(row.From).Append(" -> ").Append(row.To)
                .Append(" [label=\"").Append(row.Trigger).Append(" (").Append(string.Join(", ", row.Roles)).Append(")\"];\n");
        }
        text.Append("}\n");
        return text.ToString();
    }

    /// <summary>The whole of docs/workflow.md: the diagram, the states and the table of transitions.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("# Application workflow\n\n");
        text.Append("<!-- Generated from ApplicationWorkflow.Transitions; do not edit. ");
        text.Append("Regenerate with TITLEBRIDGE_REGENERATE_DOCS=1 dotnet test tests/TitleBridge.Domain.Tests -->\n\n");
        text.Append("One table owns the application's life (DESIGN.md; docs/decisions/0005-application-workflow.md). ");
        text.Append("Anything not listed here is refused with `").Append(NotAllowedCode).Append("`, `")
            .Append(RoleNotAllowedCode).Append("` or `").Append(GuardFailedCode).Append("` (HTTP 409).\n\n");
        text.Append("```mermaid\n").Append(ToMermaid()).Append("```\n\n");

        text.Append("## States\n\n");
        text.Append("| state | English | 中文 | terminal |\n|---|---|---|---|\n");
        foreach (var state in Enum.GetValues<ApplicationState>())
        {
            var name = WorkflowNames.Of(state);
            text.Append("| ").Append(state).Append(" | ").Append(name.En).Append(" | ").Append(name.Zh)
                .Append(" | ").Append(IsTerminal(state) ? "yes" : "").Append(" |\n");
        }

        text.Append("\n## Transitions\n\n");
        text.Append("| from | trigger | roles | guard | to |\n|---|---|---|---|---|\n");
        foreach (var row in Transitions)
        {
            var guards = row.Guards.Count == 0
                ? "—"
                : string.Join("; ", row.Guards.Select(g => $"`{g.Id}`: {g.Requirement.En} / {g.Requirement.Zh} ({g.Source})"));
            text.Append("| ").Append(row.From)
                .Append(" | ").Append(row.Trigger).Append(" ").Append(WorkflowNames.Of(row.Trigger).Zh)
                .Append(" | ").Append(string.Join(", ", row.Roles))
                .Append(" | ").Append(guards)
                .Append(" | ").Append(row.To).Append(" |\n");
        }

        text.Append("\n## Roles that fire no trigger\n\n");
        foreach (var actor in Enum.GetValues<Actor>().Where(a => !Transitions.Any(t => t.AllowsRole(a))))
        {
            text.Append("- ").Append(actor).Append(" (").Append(WorkflowNames.Of(actor).Zh).Append(")\n");
        }
        return text.ToString();
    }
}
