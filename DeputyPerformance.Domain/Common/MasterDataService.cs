using System.Linq.Expressions;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Common;

/// <summary>An input model of a master-data form; Id is null for a new record.</summary>
public interface IMasterDataInput
{
    int? Id { get; set; }
}

/// <summary>What a master-data page needs from its service.</summary>
public interface IMasterDataService<TInput, TRow>
{
    Task<PagedResult<TRow>> ListAsync(Caller caller, ListQuery query, CancellationToken ct = default);
    Task<TInput> GetForEditAsync(Caller caller, int id, CancellationToken ct = default);
    Task<int> SaveAsync(Caller caller, TInput input, CancellationToken ct = default);
    Task DeleteAsync(Caller caller, int id, CancellationToken ct = default);
}

/// <summary>
/// The shared use cases of a simple master-data list (terms, towns, stations...): page, save and delete,
/// each checking the caller's role and scope first, then the validator, then one audited save.
/// </summary>
public abstract class MasterDataService<TEntity, TInput, TRow>(
    IDbContextFactory<DeputyDbContext> factory, IValidator<TInput> validator, ILogger logger) : IMasterDataService<TInput, TRow>
    where TEntity : class
    where TInput : class, IMasterDataInput
{
    protected IDbContextFactory<DeputyDbContext> Factory { get; } = factory;
    protected ILogger Logger { get; } = logger;

    protected abstract string FeatureName { get; }
    protected abstract IReadOnlyDictionary<string, Expression<Func<TRow, object?>>> SortColumns { get; }
    protected abstract string DefaultSort { get; }

    /// <summary>The rows the caller may see.</summary>
    protected abstract IQueryable<TEntity> Visible(DeputyDbContext db, Caller caller);
    protected abstract Expression<Func<TEntity, TRow>> ToRow { get; }
    protected abstract Expression<Func<TRow, bool>> Matches(string search);
    protected abstract Expression<Func<TEntity, int>> IdOf { get; }

    protected abstract bool CanRead(Caller caller);
    /// <summary>The same rule as <see cref="Visible"/>, for one loaded record.</summary>
    protected abstract bool CanSee(Caller caller, TEntity entity);
    protected abstract bool CanWrite(Caller caller, TInput input);
    protected abstract bool CanDelete(Caller caller, TEntity entity);

    protected abstract TEntity Create(TInput input);
    protected abstract void Apply(TEntity entity, TInput input);
    protected abstract TInput ToInput(TEntity entity);

    /// <summary>Rules that need the database (unique names, a station in the right town); throw a DomainException.</summary>
    protected virtual Task CheckConsistencyAsync(DeputyDbContext db, TInput input, CancellationToken ct) => Task.CompletedTask;

    public async Task<PagedResult<TRow>> ListAsync(Caller caller, ListQuery query, CancellationToken ct = default)
    {
        Guard.Allow(CanRead(caller), caller, $"{FeatureName}.List", Logger);
        await using var db = await Factory.CreateDbContextAsync(ct);
        var rows = Visible(db, caller).AsNoTracking().Select(ToRow);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            rows = rows.Where(Matches(query.Search.Trim()));
        }

        return await rows.OrderByColumn(query, SortColumns, DefaultSort).ToPageAsync(query, ct);
    }

    public async Task<TInput> GetForEditAsync(Caller caller, int id, CancellationToken ct = default)
    {
        Guard.Allow(CanRead(caller), caller, $"{FeatureName}.Get", Logger, id);
        await using var db = await Factory.CreateDbContextAsync(ct);
        var entity = await FindAsync(db, caller, id, ct);
        return ToInput(entity);
    }

    public async Task<int> SaveAsync(Caller caller, TInput input, CancellationToken ct = default)
    {
        Guard.Allow(CanWrite(caller, input), caller, $"{FeatureName}.Save", Logger, input.Id);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await Factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        await CheckConsistencyAsync(db, input, ct);
        TEntity entity;
        if (input.Id is { } id)
        {
            entity = await FindAsync(db, caller, id, ct);
            Guard.Allow(CanWrite(caller, ToInput(entity)), caller, $"{FeatureName}.Save", Logger, id);
            Apply(entity, input);
        }
        else
        {
            entity = Create(input);
            db.Add(entity);
        }

        await db.SaveChangesAsync(ct);
        return IdOf.Compile()(entity);
    }

    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await Factory.CreateDbContextAsync(ct);
        db.AuditActor = caller.UserName;
        var entity = await FindAsync(db, caller, id, ct);
        Guard.Allow(CanDelete(caller, entity), caller, $"{FeatureName}.Delete", Logger, id);
        db.Remove(entity);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex)
        {
            // A foreign key refused: other records still point here. Nothing was written.
            Logger.LogWarning("{Action} refused for {User}: record {Id} is still referenced ({Reason})", $"{FeatureName}.Delete", caller.UserName, id,
                ex.InnerException?.Message ?? ex.Message);
            throw new DomainException("InUse");
        }
    }

    private async Task<TEntity> FindAsync(DeputyDbContext db, Caller caller, int id, CancellationToken ct)
    {
        // IdOf builds a new lambda on each read: body and parameter must come from the same instance,
        // or EF Core sees an unbound parameter and cannot translate the query.
        var idOf = IdOf;
        var byId = Expression.Lambda<Func<TEntity, bool>>(
            Expression.Equal(idOf.Body, Expression.Constant(id)), idOf.Parameters);
        var entity = await db.Set<TEntity>().FirstOrDefaultAsync(byId, ct) ?? throw new NotFoundException();
        Guard.Allow(CanSee(caller, entity), caller, $"{FeatureName}.Read", Logger, id);
        return entity;
    }
}
