using TitleBridge.Domain.Applications;
using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Tests.Applications;

public class WorkflowNamesTests
{
    private static void AssertBilingualAndDistinct(IReadOnlyList<BilingualText> names)
    {
        Assert.All(names, n =>
        {
            Assert.False(string.IsNullOrWhiteSpace(n.En));
            Assert.False(string.IsNullOrWhiteSpace(n.Zh));
            Assert.Contains(n.Zh, c => c >= '\u4e00' && c <= '\u9fff');
        });
        Assert.Equal(names.Count, names.Select(n => n.En).Distinct().Count());
        Assert.Equal(names.Count, names.Select(n => n.Zh).Distinct().Count());
    }

    [Fact]
    public void EveryState_HasADistinctNameInBothLanguages() =>
        AssertBilingualAndDistinct([.. Enum.GetValues<ApplicationState>().Select(WorkflowNames.Of)]);

    [Fact]
    public void EveryTrigger_HasADistinctNameInBothLanguages() =>
        AssertBilingualAndDistinct([.. Enum.GetValues<ApplicationTrigger>().Select(WorkflowNames.Of)]);

    [Fact]
    public void EveryRole_HasADistinctNameInBothLanguages() =>
        AssertBilingualAndDistinct([.. Enum.GetValues<Actor>().Select(WorkflowNames.Of)]);

    [Theory]
    [InlineData(ApplicationState.PrePublicity, "评前公示中")]
    [InlineData(ApplicationState.CorrectionRequested, "待补正")]
    [InlineData(ApplicationState.ResultPublicity, "评后公示中")]
    [InlineData(ApplicationState.DeclinedByEmployer, "单位不予推荐")]
    [InlineData(ApplicationState.ReexaminationRequested, "已申请复查")]
    public void State_ChineseName_UsesThePolicysTerm(ApplicationState state, string zh) =>
        Assert.Equal(zh, WorkflowNames.Of(state).Zh);

    [Fact]
    public void Join_SeveralRoles_ReadsAsASentence()
    {
        var joined = WorkflowNames.Join([Actor.Applicant, Actor.Employer]);

        Assert.Equal("applicant or employer", joined.En);
        Assert.Equal("申请人或用人单位", joined.Zh);
    }
}
