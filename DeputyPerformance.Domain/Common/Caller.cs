namespace DeputyPerformance.Domain.Common;

/// <summary>
/// Who is asking: every use-case service receives the caller and checks role and scope itself,
/// so a crafted URL or a call that skips the UI is refused in the same place as a click.
/// </summary>
public sealed record Caller(string UserName, string Role, int? TownId = null, int? DeputyId = null, int? DepartmentId = null)
{
    /// <summary>The command line and the seeder act as the system, with administrator rights.</summary>
    public static Caller System { get; } = new("system", Roles.Administrator);

    public bool IsAdministrator => Role == Roles.Administrator;
    public bool IsCountyStaff => Role is Roles.Administrator or Roles.CountyClerk;
    public bool IsTownClerk => Role == Roles.TownClerk;
    public bool IsCommitteeMember => Role == Roles.CommitteeMember;
    public bool IsDeputy => Role == Roles.Deputy;
    public bool IsDepartmentHandler => Role == Roles.DepartmentHandler;

    /// <summary>A committee member's own record in the standing committee (found by his account's user name), when the service needs it.</summary>
    public int? CommitteeMemberId { get; init; }
}
