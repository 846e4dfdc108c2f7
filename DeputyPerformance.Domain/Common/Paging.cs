namespace DeputyPerformance.Domain.Common;

/// <summary>A page of a list as the grid asks for it: paging, one sort column, a search text.</summary>
public sealed record ListQuery(int Page = 0, int PageSize = 25, string? SortBy = null, bool Descending = false, string? Search = null)
{
    public const int MaxPageSize = 200;

    public int SafePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
    public int SafePage => Math.Max(Page, 0);
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed record Option(int Id, string Name);
