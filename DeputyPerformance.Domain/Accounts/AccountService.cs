using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Persistence;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
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
    }
}

public sealed class UserRow
{
    public string Id { get; init; } = "";
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public int? TownId { get; init; }
    public int? DeputyId { get; init; }
    public bool IsLockedOut { get; init; }
}

/// <summary>Sign-in accounts: created by an administrator (or the create-admin verb), one role each.</summary>
public sealed class AccountService(
    UserManager<AppUser> users, RoleManager<IdentityRole> roles, IDbContextFactory<DeputyDbContext> factory,
    NewUserValidator validator, ILogger<AccountService> logger)
{
    public async Task EnsureRolesAsync()
    {
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
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            if (input.TownId is { } townId && !await db.Towns.AnyAsync(t => t.Id == townId, ct))
            {
                throw new DomainException("TownRequired");
            }

            if (input.DeputyId is { } deputyId && !await db.Deputies.AnyAsync(d => d.Id == deputyId, ct))
            {
                throw new DomainException("Account_DeputyRequired");
            }
        }

        await EnsureRolesAsync();
        var user = new AppUser
        {
            UserName = input.UserName.Trim(),
            DisplayName = string.IsNullOrWhiteSpace(input.DisplayName) ? input.UserName.Trim() : input.DisplayName.Trim(),
            TownId = input.Role == Roles.TownClerk ? input.TownId : null,
            DeputyId = input.Role == Roles.Deputy ? input.DeputyId : null,
            LockoutEnabled = true,
        };
        Check(await users.CreateAsync(user, input.Password));
        Check(await users.AddToRoleAsync(user, input.Role));
        await RecordAsync(caller, "Added", user.Id, $"{{\"UserName\":\"{user.UserName}\",\"Role\":\"{input.Role}\"}}", ct);
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
                   select new UserRow
                   {
                       Id = u.Id, UserName = u.UserName!, DisplayName = u.DisplayName, Role = r.Name ?? "",
                       TownId = u.TownId, DeputyId = u.DeputyId, IsLockedOut = u.LockoutEnd != null && u.LockoutEnd > DateTimeOffset.UtcNow,
                   };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            rows = rows.Where(r => r.UserName.Contains(s) || r.DisplayName.Contains(s));
        }

        var total = await rows.CountAsync(ct);
        var items = await rows.OrderBy(r => r.UserName).Skip(query.SafePage * query.SafePageSize).Take(query.SafePageSize).ToListAsync(ct);
        return new PagedResult<UserRow>(items, total);
    }

    /// <summary>A deputy whose mandate ended loses his login at once; other accounts are not affected.</summary>
    public async Task<bool> MandateAllowsSignInAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.DeputyId is not { } deputyId)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Deputies.AnyAsync(d => d.Id == deputyId && d.Status != Deputies.DeputyStatus.Terminated, ct);
    }

    /// <summary>Changes the signed-in user's own password; the current one must be given.</summary>
    public async Task ChangePasswordAsync(Caller caller, string currentPassword, string newPassword, CancellationToken ct = default)
    {
        var user = await users.FindByNameAsync(caller.UserName) ?? throw new NotFoundException();
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword));
        await RecordAsync(caller, "PasswordChanged", user.Id, "{}", ct);
    }

    /// <summary>An administrator sets a new password (for a forgotten one) and lifts a lockout.</summary>
    public async Task ResetPasswordAsync(Caller caller, string userName, string newPassword, CancellationToken ct = default)
    {
        Guard.Allow(caller.IsAdministrator, caller, "Account.ResetPassword", logger, userName);
        var user = await users.FindByNameAsync(userName) ?? throw new NotFoundException();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, newPassword));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await RecordAsync(caller, "PasswordReset", user.Id, "{}", ct);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InputValidationException(result.Errors.Select(e => e.Description).ToList());
        }
    }

    private async Task RecordAsync(Caller caller, string action, string userId, string changes, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.AuditEntries.Add(new AuditEntry(db.UtcNow(), caller.UserName, action, nameof(AppUser), userId, changes));
        await db.SaveChangesAsync(ct);
    }
}
