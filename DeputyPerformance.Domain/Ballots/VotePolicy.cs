using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Ballots;

/// <summary>Who runs and reads votes: county staff all; a town clerk the votes of his town; committee members read.</summary>
public static class VotePolicy
{
    public static bool CanRead(Caller caller, int? townId) =>
        caller.IsCountyStaff || caller.IsCommitteeMember || (caller.IsTownClerk && townId is not null && caller.TownId == townId);

    /// <summary>Whether the caller runs votes anywhere (county staff, town clerks): pages offer the running actions then.</summary>
    public static bool CanRunAny(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanRun(Caller caller, int? townId) =>
        caller.IsCountyStaff || (caller.IsTownClerk && townId is not null && caller.TownId == townId);
}
