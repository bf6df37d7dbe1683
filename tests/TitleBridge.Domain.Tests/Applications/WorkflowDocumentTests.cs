using System.Text;
using TitleBridge.Domain.Applications;

namespace TitleBridge.Domain.Tests.Applications;

/// <summary>docs/workflow.md is generated from the table and must not drift from it.</summary>
public class WorkflowDocumentTests
{
    private const string RegenerateVariable = "TITLEBRIDGE_REGENERATE_DOCS";

    private static string DocPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TitleBridge.slnx")))
            {
                return Path.Combine(dir.FullName, "docs", "workflow.md");
            }
        }
        throw new InvalidOperationException("TitleBridge.slnx not found above the test binaries.");
    }

    [Fact]
    public void WorkflowDoc_IsExactlyWhatTheTableGenerates()
    {
        var path = DocPath();
        var generated = ApplicationWorkflow.ToMarkdown();
        if (Environment.GetEnvironmentVariable(RegenerateVariable) == "1")
        {
            File.WriteAllText(path, generated, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }

        Assert.True(File.Exists(path), $"{path} is missing; run the tests with {RegenerateVariable}=1 and commit it.");
        var committed = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(
            generated == committed,
            $"docs/workflow.md differs from ApplicationWorkflow.Transitions; run the tests with {RegenerateVariable}=1 and commit it.");
    }

    [Fact]
    public void ToMermaid_HasOneLabelledEdgePerRowAndEndsTheTerminalStates()
    {
        var lines = ApplicationWorkflow.ToMermaid().Split('\n');

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Contains("    [*] --> Draft", lines);
        Assert.Contains("    CorrectionRequested --> Withdrawn : CorrectionDeadlinePassed (System)", lines);
        Assert.Contains("    Draft --> Submitted : Submit (Applicant)", lines);
        Assert.Equal(ApplicationWorkflow.Transitions.Count, lines.Count(l => l.Contains(" : ", StringComparison.Ordinal)));
        Assert.Equal(["    Withdrawn --> [*]", "    DeclinedByEmployer --> [*]", "    Revoked --> [*]"],
            lines.Where(l => l.EndsWith("--> [*]", StringComparison.Ordinal)));
    }

    [Fact]
    public void ToDot_HasEveryStateAndEveryRow()
    {
        var dot = ApplicationWorkflow.ToDot();

        Assert.StartsWith("digraph ApplicationWorkflow {", dot);
        Assert.All(Enum.GetValues<ApplicationState>(), s => Assert.Contains($"    {s} [label=", dot));
        Assert.Equal(ApplicationWorkflow.Transitions.Count, dot.Split('\n').Count(l => l.Contains(" -> ", StringComparison.Ordinal)));
        Assert.Contains("Revoked [label=\"Revoked\\n已撤销\", peripheries=2];", dot);
    }

    [Fact]
    public void ToMarkdown_ListsEveryRowWithItsGuards()
    {
        var markdown = ApplicationWorkflow.ToMarkdown();

        Assert.Contains("```mermaid\nstateDiagram-v2\n", markdown);
        Assert.Contains("| from | trigger | roles | guard | to |", markdown);
        Assert.Contains("`correction-once`", markdown);
        Assert.Equal(
            ApplicationWorkflow.Transitions.Count,
            markdown.Split('\n').SkipWhile(l => !l.StartsWith("| from |", StringComparison.Ordinal)).Skip(2).TakeWhile(l => l.StartsWith('|')).Count());
    }
}
