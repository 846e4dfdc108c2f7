using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Common;

/// <summary>Sorting by a whitelisted column name and paging, both translated to SQL.</summary>
public static class QueryableExtensions
{
    public static IQueryable<T> OrderByColumn<T>(this IQueryable<T> source, ListQuery query,
        IReadOnlyDictionary<string, Expression<Func<T, object?>>> columns, string defaultColumn)
    {
        var key = query.SortBy is not null && columns.ContainsKey(query.SortBy) ? query.SortBy : defaultColumn;
        var column = columns[key];
        return query.Descending ? source.OrderByDescending(column) : source.OrderBy(column);
    }

    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> ordered, ListQuery query, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<T>(items, total);
    }
}
