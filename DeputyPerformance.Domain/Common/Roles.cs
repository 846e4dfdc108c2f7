namespace DeputyPerformance.Domain.Common;

/// <summary>The roles of the product; stored as Identity role names.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string CountyClerk = nameof(CountyClerk);
    public const string TownClerk = nameof(TownClerk);
    public const string CommitteeMember = nameof(CommitteeMember);
    public const string Deputy = nameof(Deputy);
    /// <summary>承办单位经办人: a government department's handler of suggestions, scoped to his department.</summary>
    public const string DepartmentHandler = nameof(DepartmentHandler);

    public static readonly IReadOnlyList<string> All = [Administrator, CountyClerk, TownClerk, CommitteeMember, Deputy, DepartmentHandler];
}
