using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Organization;

/// <summary>
/// Who may see and change the county's master data. County staff manage everything; a town clerk sees the
/// county-wide lists he needs to pick from and manages only what lies in his own town; committee members read.
/// </summary>
public static class OrganizationPolicy
{
    public static bool CanReadCountyLists(Caller caller) =>
        caller.IsCountyStaff || caller.IsTownClerk || caller.IsCommitteeMember;

    public static bool CanWriteCountyLists(Caller caller) => caller.IsCountyStaff;

    /// <summary>Lists kept per town (districts, stations): county staff, and town clerks for their own town (the service checks the town).</summary>
    public static bool CanWriteTownLists(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanReadTown(Caller caller, int townId) =>
        caller.IsCountyStaff || caller.IsCommitteeMember || (caller.IsTownClerk && caller.TownId == townId);

    public static bool CanWriteTown(Caller caller, int townId) =>
        caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId == townId);

    public static bool CanReadAudit(Caller caller) => caller.IsAdministrator;
}
