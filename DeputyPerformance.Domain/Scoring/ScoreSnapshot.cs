namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// A year's computed score of one deputy, written for all deputies at once by one INSERT ... SELECT of the
/// scoring aggregation (ScoreQueries). Ranking boards, exports and the shortlist read it instead of
/// re-aggregating millions of logs; <see cref="ScoreYearState"/> says when it must be refreshed.
/// </summary>
public class ScoreSnapshot
{
    private ScoreSnapshot() { }

    public int Year { get; private set; }
    public int DeputyId { get; private set; }
    public int TermId { get; private set; }
    public int TownId { get; private set; }
    public int? DelegationId { get; private set; }
    public int Score { get; private set; }
    public ScoreGrade Grade { get; private set; }
    public int RankCounty { get; private set; }
    public int RankTown { get; private set; }
    public int? RankDelegation { get; private set; }
    /// <summary>Counts of approved logs in categories that count for exit (unapproved absences).</summary>
    public int ExitAbsences { get; private set; }
    /// <summary>"code=count=points;..." of the categories with approved logs (parsed by ScoreBreakdown).</summary>
    public string? Breakdown { get; private set; }
}

/// <summary>Whether a year's snapshot is current: logs and rules of the year mark it stale; reads refresh it.</summary>
public class ScoreYearState
{
    private ScoreYearState() { }

    public int Year { get; private set; }
    public bool IsStale { get; private set; }
    public DateTime? ComputedAtUtc { get; private set; }
}

public enum ShortlistDecisionKind
{
    Proposed,
    Approved,
    Rejected,
}

/// <summary>The standing committee's decision on one deputy of a year's excellence shortlist.</summary>
public class ShortlistDecision
{
    public const int MaxNoteLength = 500;

    private ShortlistDecision() { }

    public ShortlistDecision(int year, int deputyId)
    {
        Year = year;
        DeputyId = deputyId;
    }

    public int Id { get; private set; }
    public int Year { get; private set; }
    public int DeputyId { get; private set; }
    public ShortlistDecisionKind Decision { get; private set; }
    public string? Note { get; private set; }
    public string DecidedBy { get; private set; } = "";
    public DateTime DecidedAtUtc { get; private set; }

    public void Record(ShortlistDecisionKind decision, string? note, string by, DateTime atUtc)
    {
        Decision = decision;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        DecidedBy = by;
        DecidedAtUtc = atUtc;
    }
}

/// <summary>
/// The deputies with an open exit case in a year (implemented over the exit-review flags, Reports/OpenExitReviewFlags;
/// without a registration the shortlist says the check was not made).
/// </summary>
public interface IOpenExitCases
{
    Task<IReadOnlySet<int>> DeputyIdsAsync(int year, CancellationToken ct);
}
