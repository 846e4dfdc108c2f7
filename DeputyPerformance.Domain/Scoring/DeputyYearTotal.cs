namespace DeputyPerformance.Domain.Scoring;

/// <summary>
/// The approved activity of one deputy in one category in one year: the sum of the counts of his approved logs.
/// Kept in the same transaction as every change to the approved logs (record, approve, correct, delete, import),
/// so scores, ranks and other features (the exit rules: unapproved congress absences per term, recess absences
/// per year) read at most eleven rows per deputy and year instead of his logs. A row exists only while Count &gt; 0.
/// </summary>
public class DeputyYearTotal
{
    private DeputyYearTotal() { }

    public int Year { get; private set; }
    public int DeputyId { get; private set; }
    public string CategoryCode { get; private set; } = "";
    public int Count { get; private set; }
}

/// <summary>
/// A deputy whose totals changed while a full recomputation of the year was running: the recomputation
/// rescores him again on the new generation before it is published (ScoreYearBuilder).
/// </summary>
public class ScoreChange
{
    private ScoreChange() { }

    public int Year { get; private set; }
    public int DeputyId { get; private set; }
}
