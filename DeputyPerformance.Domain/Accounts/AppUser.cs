using Microsoft.AspNetCore.Identity;

namespace DeputyPerformance.Domain.Accounts;

/// <summary>A sign-in account. A town clerk is bound to one town, a deputy to one deputy record.</summary>
public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? TownId { get; set; }
    public int? DeputyId { get; set; }
    /// <summary>A department handler's government department (承办单位).</summary>
    public int? DepartmentId { get; set; }

    /// <summary>An administrator switched the account off: no sign-in, every session ends (reversible, unlike a deletion).</summary>
    public bool IsDisabled { get; set; }
}
