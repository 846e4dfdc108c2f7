namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// A year's computed score and ranks of one deputy. A full recomputation (ScoreYearBuilder) writes a new
/// generation for all deputies from <see cref="DeputyYearTotal"/> and publishes it in <see cref="ScoreYearState"/>;
/// between recomputations each change to a deputy's approved logs rescores him and moves the ranks of the
/// deputies his score passed, in the same transaction (ScoreTotals). The per-category points are not stored here:
/// they are the year's totals through the year's rules.
/// </summary>
public class ScoreSnapshot
{
    private ScoreSnapshot() { }

    public int Year { get; private set; }
    /// <summary>Which recomputation wrote the row; readers read the generation the year's state publishes.</summary>
    public int Generation { get; private set; }
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
}

/// <summary>
/// Which snapshot generation of a year is published and whether it is current. A rule change (or a bulk import)
/// marks the year stale: the next recomputation, one at a time per year, replaces it. Changes to single logs
/// keep it current incrementally.
/// </summary>
public class ScoreYearState
{
    private ScoreYearState() { }

    public int Year { get; private set; }
    public bool IsStale { get; private set; }
    public DateTime? ComputedAtUtc { get; private set; }
    /// <summary>The generation of ScoreSnapshots rows readers use (0: none yet).</summary>
    public int Generation { get; private set; }
    /// <summary>Incremented by every stale mark, so a recomputation that read older rules does not clear a newer mark.</summary>
    public int StaleVersion { get; private set; }
    /// <summary>Set while a recomputation runs: writers then list the deputies they change in ScoreChanges.</summary>
    public DateTime? RebuildStartedAtUtc { get; private set; }
    /// <summary>
    /// The rows of the published generation (the county board's total). Written when a generation is published; a
    /// change to logs never adds or removes a row (a roster change recomputes). 0 before the first publication.
    /// </summary>
    public int Deputies { get; private set; }
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
