namespace TitleBridge.Web.Data;

/// <summary>
/// An annual evaluation cycle (policy.md §5): applications for evaluation year Y are usually taken
/// January–March of Y+1 and time is counted until 31 December of Y (rule COUNT).
/// </summary>
public sealed class EvaluationCycle
{
    /// <summary>The evaluation year; one cycle per year.</summary>
    public int Year { get; set; }

    public DateOnly OpensOn { get; set; }
    public DateOnly ClosesOn { get; set; }

    /// <summary>Policy.md §2 COUNT: the counting date of the cycle.</summary>
    public DateOnly CountUntil { get; set; }

    /// <summary>Title levels accepted (AE, E, SE, PSE codes).</summary>
    public List<string> Levels { get; set; } = [];

    /// <summary>Specialty keys accepted; empty means every specialty of the catalogue.</summary>
    public List<string> Specialties { get; set; } = [];

    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();

    /// <summary>Applications start and submit only while the window is open (both end dates included).</summary>
    public bool IsOpenOn(DateOnly date) => date >= OpensOn && date <= ClosesOn;
}
