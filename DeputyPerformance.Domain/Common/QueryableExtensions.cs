using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;

namespace DeputyPerformance.Domain.Common;

/// <summary>Sorting by a whitelisted column name and paging, both translated to SQL.</summary>
public static class QueryableExtensions
{
    public static IQueryable<T> OrderByColumn<T>(this IQueryable<T> source, ListQuery query,
        IReadOnlyDictionary<string, Expression<Func<T, object?>>> columns, string defaultColumn)
    {
        var key = query.SortBy is not null && columns.ContainsKey(query.SortBy) ? query.SortBy : defaultColumn;
        return source.OrderNullsFirst(columns[key], query.Descending);
    }

    /// <summary>
    /// Orders by a column with NULL as its smallest value on every engine (decision 0117): first ascending, last
    /// descending, as SQLite sorts; PostgreSQL by itself sorts NULL as the largest. A column that cannot be NULL (a
    /// non-nullable value, a reference the model declares non-nullable) is ordered as it is, so its index still serves the sort.
    /// </summary>
    public static IOrderedQueryable<T> OrderNullsFirst<T, TKey>(this IQueryable<T> source, Expression<Func<T, TKey>> column, bool descending)
    {
        var value = column.Body is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } convert ? convert.Operand : column.Body;
        if (!CanBeNull(value)) return descending ? source.OrderByDescending(column) : source.OrderBy(column);
        var isSet = Expression.Lambda<Func<T, int>>(
            Expression.Condition(Expression.Equal(value, Expression.Constant(null, value.Type)), Expression.Constant(0), Expression.Constant(1)),
            column.Parameters);
        return descending ? source.OrderByDescending(isSet).ThenByDescending(column) : source.OrderBy(isSet).ThenBy(column);
    }

    private static readonly NullabilityInfoContext Nullability = new();

    private static bool CanBeNull(Expression value)
    {
        if (value.Type.IsValueType) return Nullable.GetUnderlyingType(value.Type) is not null;
        if (value is MemberExpression { Member: PropertyInfo property })
        {
            lock (Nullability)
            {
                return Nullability.Create(property).ReadState != NullabilityState.NotNull;
            }
        }

        return true;
    }

    public static async Task<PagedResult<T>> ToPageAsync<T>(this IQueryable<T> ordered, ListQuery query, CancellationToken ct)
    {
        var total = await ordered.CountAsync(ct);
        var items = await ordered.Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<T>(items, total);
    }
}
