namespace DeputyPerformance.Domain.Duties;

/// <summary>Approval state of a log; stored as a string. Only approved logs count in scores.</summary>
public enum DutyLogStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>Where a log came from: a clerk's entry, a deputy's own submission, or a file import.</summary>
public enum DutyLogSource
{
    Clerk,
    SelfSubmitted,
    Import,
    /// <summary>Recorded by the app itself from another procedure (a held report to constituents).</summary>
    Procedure,
}
