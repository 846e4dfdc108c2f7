using System.Net;
using DeputyPerformance.Domain.Accounts;
using Microsoft.AspNetCore.Identity;

namespace DeputyPerformance.App.Security;

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Wrong password, unknown user, locked, disabled or no active mandate: one answer for all.</summary>
    Failed,
    /// <summary>The address has failed too often and must wait before trying again.</summary>
    Throttled,
}

/// <summary>
/// The sign-in form's use case: the address's throttle first, then the password; an unknown user name costs the same
/// password hashing as a known one, and every kind of failure gets the same answer.
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, IPasswordHasher<AppUser> hasher, SignInThrottle throttle, ILogger<PasswordSignIn> logger)
{
    // A hash of a random password, verified for unknown user names so their answer takes as long as a known one's.
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    public async Task<(SignInOutcome Outcome, TimeSpan RetryAfter)> SignInAsync(string userName, string password, IPAddress? address)
    {
        if (await throttle.RetryAfterAsync(address) is { } wait)
        {
            logger.LogWarning("Sign-in from {Address} refused for {Wait}: too many failures", address, wait);
            return (SignInOutcome.Throttled, wait);
        }

        var name = userName.Trim();
        var user = await signIn.UserManager.FindByNameAsync(name);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
            return await FailAsync("unknown user");
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{User} signed in", name);
            return (SignInOutcome.Succeeded, TimeSpan.Zero);
        }

        return await FailAsync(result.IsLockedOut ? "locked out" : result.IsNotAllowed ? "not allowed" : "wrong password");

        async Task<(SignInOutcome, TimeSpan)> FailAsync(string reason)
        {
            await throttle.FailedAsync(address);
            logger.LogWarning("Failed sign-in for {User} from {Address} ({Reason})", name, address, reason);
            return (SignInOutcome.Failed, TimeSpan.Zero);
        }
    }
}
