using DeputyPerformance.Domain.Common;
using MudBlazor;

namespace DeputyPerformance.App.Components.Shared;

/// <summary>Translates the grid's paging and sorting into the domain's list query.</summary>
public static class GridQuery
{
    public static ListQuery From<T>(GridState<T> state, string? search)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return new ListQuery(state.Page, state.PageSize, sort?.SortBy, sort?.Descending ?? false, search);
    }

    public static GridData<T> ToGridData<T>(PagedResult<T> page) => new() { Items = page.Items, TotalItems = page.TotalCount };
}
