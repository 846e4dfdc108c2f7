using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Accounts;

public sealed class NewUserInput
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Password { get; set; } = "";
    public string Role { get; set; } = Roles.TownClerk;
    public int? TownId { get; set; }
    public int? DeputyId { get; set; }
    /// <summary>A department handler's department.</summary>
    public int? DepartmentId { get; set; }
}

public sealed class NewUserValidator : AbstractValidator<NewUserInput>
{
    public NewUserValidator()
    {
        RuleFor(x => x.UserName).NotEmpty().WithText("Account_UserNameRequired")
            .Matches("^[A-Za-z0-9._@-]{2,64}$").WithText("Account_UserNameFormat");
        RuleFor(x => x.DisplayName).MaximumLength(50).WithText("NameTooLong");
        RuleFor(x => x.Password).NotEmpty().WithText("Account_PasswordRequired");
        RuleFor(x => x.Role).Must(r => Roles.All.Contains(r)).WithText("ValueInvalid");
        RuleFor(x => x.TownId).NotNull().When(x => x.Role == Roles.TownClerk).WithText("TownRequired");
        RuleFor(x => x.DeputyId).NotNull().When(x => x.Role == Roles.Deputy).WithText("Account_DeputyRequired");
        RuleFor(x => x.DepartmentId).NotNull().When(x => x.Role == Roles.DepartmentHandler).WithText("Account_DepartmentRequired");
    }
}

public sealed class UserRow
{
    public string Id { get; init; } = "";
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public int? TownId { get; init; }
    public string? TownName { get; init; }
    public int? DeputyId { get; init; }
    public string? DeputyName { get; init; }
    public string? DeputyNumber { get; init; }
    public int? DepartmentId { get; init; }
    public string? DepartmentName { get; init; }
    public bool IsLockedOut { get; init; }
    public bool IsDisabled { get; init; }
}

/// <summary>A new role for an account, with the scope the role needs (a town for a town clerk, a deputy record for a deputy).</summary>
public sealed class RoleChangeInput
{
    public string Role { get; set; } = Roles.TownClerk;
    public int? TownId { get; set; }
    public int? DeputyId { get; set; }
    /// <summary>A department handler's department.</summary>
    public int? DepartmentId { get; set; }
}

/// <summary>
/// Sign-in accounts: created by an administrator (or the create-admin verb), one role each; disabled, enabled,
/// unlocked, re-scoped and reset by an administrator. Every change and its audit entry are one transaction, on a
/// context of its own (never the long-lived one of a page), and every change that takes rights away ends the
/// account's open sessions by changing its security stamp.
/// </summary>
public sealed class AccountService(
    IServiceScopeFactory scopes, IDbContextFactory<DeputyDbContext> factory, NewUserValidator validator, TimeProvider clock,
    ILogger<AccountService> logger)
{
    public async Task EnsureRolesAsync()
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    public async Task<string> CreateUserAsync(Caller caller, NewUserInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.Create", logger, input.UserName);
        await validator.EnsureValidAsync(input, ct);
        await CheckScopeAsync(input.TownId, input.DeputyId, ct);
        await CheckDepartmentAsync(input.DepartmentId, ct);
        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName.Trim() : input.DisplayName.Trim(),
            TownId = input.Role == Roles.TownClerk ? input.TownId : null,
            DeputyId = input.Role == Roles.Deputy ? input.DeputyId : null,
            DepartmentId = input.Role == Roles.DepartmentHandler ? input.DepartmentId : null,
            LockoutEnabled = true,
        };
        await InTransactionAsync(caller, async (users, _) =>
        {
            Check(await users.CreateAsync(user, input.Password));
            Check(await users.AddToRoleAsync(user, input.Role));
            return new AuditFacts("Added", user.Id, Json(("UserName", user.UserName), ("Role", input.Role), ("TownId", user.TownId), ("DeputyId", user.DeputyId), ("DepartmentId", user.DepartmentId)));
        }, ct);
        return user.Id;
    }

    public async Task<PagedResult<UserRow>> ListAsync(Caller caller, ListQuery query, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.List", logger);
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = from u in db.Users.AsNoTracking()
                   join ur in db.UserRoles on u.Id equals ur.UserId into urs
                   from ur in urs.DefaultIfEmpty()
                   join r in db.Roles on ur.RoleId equals r.Id into rs
                   from r in rs.DefaultIfEmpty()
                   join t in db.Towns on u.TownId equals t.Id into ts
                   from t in ts.DefaultIfEmpty()
                   join d in db.Deputies on u.DeputyId equals d.Id into ds
                   from d in ds.DefaultIfEmpty()
                   join g in db.GovernmentDepartments on u.DepartmentId equals g.Id into gs
                   from g in gs.DefaultIfEmpty()
                   select new UserRow
                   {
                       Id = u.Id, UserName = u.UserName!, DisplayName = u.DisplayName, Role = r.Name ?? "",
                       TownId = u.TownId, TownName = t.Name, DeputyId = u.DeputyId, DeputyName = d.Name, DeputyNumber = d.DeputyNumber,
                       DepartmentId = u.DepartmentId, DepartmentName = g.Name,
                       IsLockedOut = u.LockoutEnd != null, IsDisabled = u.IsDisabled,
                   };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            rows = rows.Where(r => r.UserName.Contains(s) || r.DisplayName.Contains(s) || (r.DeputyName != null && r.DeputyName.Contains(s)));
        }

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.UserName).Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        // SQLite cannot compare DateTimeOffset in SQL: the page's few lockout ends are compared here.
        var locked = await LockedOutAsync(db, items.Where(i => i.IsLockedOut).Select(i => i.Id).ToList(), ct);
        return new PagedResult<UserRow>(items.Select(i => i.IsLockedOut && !locked.Contains(i.Id) ? Copy(i, lockedOut: false) : i).ToList(), total);
    }

    /// <summary>A deputy whose mandate was suspended or terminated loses his login at once; other accounts are not affected.</summary>
    public async Task<bool> MandateAllowsSignInAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.DeputyId is not { } deputyId)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var status = await db.Deputies.Where(d => d.Id == deputyId).Select(d => (Deputies.DeputyStatus?)d.Status).FirstOrDefaultAsync(ct);
        return Sessions.MandateAllows(status);
    }

    /// <summary>Changes the signed-in user's own password; the current one must be given. Every session of his ends, this one too.</summary>
    public async Task ChangePasswordAsync(Caller caller, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        await InTransactionAsync(caller, async (users, _) =>
        {
            var user = await users.FindByNameAsync(caller.UserName) ?? throw new NotFoundException();
            // Identity changes the security stamp with the password.
            Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
            return new AuditFacts("PasswordChanged", user.Id, "{}");
        }, ct);
    }

    /// <summary>An administrator sets a new password (for a forgotten one) and lifts a lockout; the user's sessions end.</summary>
    public async Task ResetPasswordAsync(Caller caller, string userName, string newPassword, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.ResetPassword", logger, userName);
        await InTransactionAsync(caller, async (users, _) =>
        {
            var user = await users.FindByNameAsync(userName) ?? throw new NotFoundException();
            var token = await users.GeneratePasswordResetTokenAsync(user);
            Check(await users.ResetPasswordAsync(user, token, newPassword));
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return new AuditFacts("PasswordReset", user.Id, "{}");
        }, ct);
    }

    /// <summary>Lifts a lockout after failed sign-ins (the password stays).</summary>
    public async Task UnlockAsync(Caller caller, string userId, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.Unlock", logger, userId);
        await InTransactionAsync(caller, async (users, _) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
            Check(await users.SetLockoutEndDateAsync(user, null));
            Check(await users.ResetAccessFailedCountAsync(user));
            return new AuditFacts("Unlocked", user.Id, "{}");
        }, ct);
    }

    /// <summary>
    /// Switches an account off: it can no longer sign in and every open session ends at once. An administrator cannot
    /// disable himself or the last enabled administrator, so the county never loses its accounts page.
    /// </summary>
    public async Task DisableAsync(Caller caller, string userId, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.Disable", logger, userId);
        await InTransactionAsync(caller, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
            if (user.UserName == caller.UserName) throw new DomainException("Account_NotYourself");
            if (await users.IsInRoleAsync(user, Roles.Administrator) && await EnabledAdministratorsAsync(db, ct) <= 1)
            {
                throw new DomainException("Account_LastAdministrator");
            }

            user.IsDisabled = true;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            return new AuditFacts("Disabled", user.Id, Json(("IsDisabled", new { from = false, to = true })));
        }, ct);
    }

    /// <summary>Switches a disabled account back on; the user signs in again with his password.</summary>
    public async Task EnableAsync(Caller caller, string userId, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.Enable", logger, userId);
        await InTransactionAsync(caller, async (users, _) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
            user.IsDisabled = false;
            Check(await users.UpdateAsync(user));
            return new AuditFacts("Enabled", user.Id, Json(("IsDisabled", new { from = true, to = false })));
        }, ct);
    }

    /// <summary>
    /// Gives an account another role and scope. Its sessions end (the old role is in their cookies); an administrator
    /// cannot change his own role or demote the last enabled administrator.
    /// </summary>
    public async Task ChangeRoleAsync(Caller caller, string userId, RoleChangeInput input, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.ChangeRole", logger, userId);
        if (!Roles.All.Contains(input.Role)) throw new DomainException("ValueInvalid");
        if (input.Role == Roles.TownClerk && input.TownId is null) throw new DomainException("TownRequired");
        if (input.Role == Roles.Deputy && input.DeputyId is null) throw new DomainException("Account_DeputyRequired");
        if (input.Role == Roles.DepartmentHandler && input.DepartmentId is null) throw new DomainException("Account_DepartmentRequired");
        await CheckScopeAsync(input.TownId, input.DeputyId, ct);
        await CheckDepartmentAsync(input.DepartmentId, ct);
        await InTransactionAsync(caller, async (users, db) =>
        {
            var user = await users.FindByIdAsync(userId) ?? throw new NotFoundException();
            if (user.UserName == caller.UserName) throw new DomainException("Account_NotYourself");
            var oldRoles = await users.GetRolesAsync(user);
            var oldRole = oldRoles.FirstOrDefault() ?? "";
            if (oldRole == Roles.Administrator && input.Role != Roles.Administrator && !user.IsDisabled && await EnabledAdministratorsAsync(db, ct) <= 1)
            {
                throw new DomainException("Account_LastAdministrator");
            }

            var (oldTown, oldDeputy, oldDepartment) = (user.TownId, user.DeputyId, user.DepartmentId);
            if (oldRoles.Count > 0) Check(await users.RemoveFromRolesAsync(user, oldRoles));
            Check(await users.AddToRoleAsync(user, input.Role));
            user.TownId = input.Role == Roles.TownClerk ? input.TownId : null;
            user.DeputyId = input.Role == Roles.Deputy ? input.DeputyId : null;
            user.DepartmentId = input.Role == Roles.DepartmentHandler ? input.DepartmentId : null;
            Check(await users.UpdateAsync(user));
            Check(await users.UpdateSecurityStampAsync(user));
            return new AuditFacts("RoleChanged", user.Id, Json(
                ("Role", new { from = oldRole, to = input.Role }),
                ("TownId", new { from = oldTown, to = user.TownId }),
                ("DeputyId", new { from = oldDeputy, to = user.DeputyId }),
                ("DepartmentId", new { from = oldDepartment, to = user.DepartmentId })));
        }, ct);
    }

    private sealed record AuditFacts(string Action, string UserId, string Changes);

    /// <summary>
    /// Runs an account change on a fresh scope (its own Identity store and context) in one transaction with its audit
    /// entry: both are written or neither.
    /// </summary>
    private async Task InTransactionAsync(Caller caller, Func<UserManager<AppUser>, DeputyDbContext, Task<AuditFacts>> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<DeputyDbContext>();
        db.AuditActor = caller.UserName;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var facts = await change(users, db);
        db.AuditEntries.Add(new AuditEntry(db.UtcNow(), caller.UserName, facts.Action, nameof(AppUser), facts.UserId, facts.Changes));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private async Task CheckScopeAsync(int? townId, int? deputyId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (townId is { } t && !await db.Towns.AnyAsync(x => x.Id == t, ct))
        {
            throw new DomainException("TownRequired");
        }

        if (deputyId is { } d && !await db.Deputies.AnyAsync(x => x.Id == d, ct))
        {
            throw new DomainException("Account_DeputyRequired");
        }
    }

    private async Task CheckDepartmentAsync(int? departmentId, CancellationToken ct)
    {
        if (departmentId is not { } g) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.GovernmentDepartments.AnyAsync(x => x.Id == g, ct)) throw new DomainException("Account_DepartmentRequired");
    }

    private static async Task<int> EnabledAdministratorsAsync(DeputyDbContext db, CancellationToken ct) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               where r.Name == Roles.Administrator && !u.IsDisabled
               select u.Id).CountAsync(ct);

    private async Task<HashSet<string>> LockedOutAsync(DeputyDbContext db, List<string> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var now = clock.GetUtcNow();
        var ends = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.LockoutEnd }).ToListAsync(ct);
        return ends.Where(e => e.LockoutEnd > now).Select(e => e.Id).ToHashSet();
    }

    private static UserRow Copy(UserRow r, bool lockedOut) => new()
    {
        Id = r.Id, UserName = r.UserName, DisplayName = r.DisplayName, Role = r.Role, TownId = r.TownId, TownName = r.TownName,
        DeputyId = r.DeputyId, DeputyName = r.DeputyName, DeputyNumber = r.DeputyNumber, DepartmentId = r.DepartmentId, DepartmentName = r.DepartmentName, IsLockedOut = lockedOut, IsDisabled = r.IsDisabled,
    };

    private static string Json(params (string Name, object? Value)[] values) =>
        System.Text.Json.JsonSerializer.Serialize(values.ToDictionary(v => v.Name, v => v.Value),
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(result.Errors.Select(e => e.Description).ToList());
        }
    }
}
