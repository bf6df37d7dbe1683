using TitleBridge.Domain.Common;

namespace TitleBridge.Domain.Applications;

/// <summary>
/// A condition on the facts of a <see cref="TransitionContext"/>, with its requirement in both
/// languages and the policy clause it comes from.
/// </summary>
/// <param name="Id">Stable id, used in docs and tests.</param>
/// <param name="Fact">The <see cref="TransitionContext"/> property the guard reads (reported as the problem's field).</param>
/// <param name="Requirement">What must hold, phrased to follow "requires that …".</param>
/// <param name="Source">The policy clause or decision record the guard enforces.</param>
/// <param name="Holds">True when the requirement is met.</param>
public sealed record TransitionGuard(
    string Id,
    string Fact,
    BilingualText Requirement,
    string Source,
    Func<TransitionContext, bool> Holds);

/// <summary>One row of the workflow table: from a state, a trigger fired by one of the roles, when every guard holds, leads to a state.</summary>
public sealed record Transition(
    ApplicationState From,
    ApplicationTrigger Trigger,
    IReadOnlyList<Actor> Roles,
    IReadOnlyList<TransitionGuard> Guards,
    ApplicationState To)
{
    public bool AllowsRole(Actor actor) => Roles.Contains(actor);
}
