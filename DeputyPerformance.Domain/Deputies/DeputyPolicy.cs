using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Domain.Deputies;

/// <summary>Scope of deputy records: county staff all, a town clerk his town, a deputy only himself.</summary>
public static class DeputyPolicy
{
    public static bool CanList(Caller caller) =>
        caller.IsCountyStaff || caller.IsTownClerk || caller.IsCommitteeMember;

    public static bool CanRead(Caller caller, int deputyId, int townId) =>
        caller.IsCountyStaff || caller.IsCommitteeMember
        || (caller.IsTownClerk && caller.TownId == townId)
        || (caller.IsDeputy && caller.DeputyId == deputyId);

    /// <summary>Whether the caller adds and edits deputies anywhere (county staff, town clerks in their town): pages offer the forms then.</summary>
    public static bool CanWriteAny(Caller caller) => caller.IsCountyStaff || caller.IsTownClerk;

    public static bool CanWrite(Caller caller, int townId) =>
        caller.IsCountyStaff || (caller.IsTownClerk && caller.TownId == townId);

    /// <summary>Ending a mandate is the county's act, not a town's.</summary>
    public static bool CanChangeStatus(Caller caller) => caller.IsCountyStaff;

    public static bool CanDelete(Caller caller) => caller.IsCountyStaff;

    public static bool CanImportRoster(Caller caller) => caller.IsCountyStaff;
}
