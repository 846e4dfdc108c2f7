using DeputyPerformance.Domain.Common;
using Microsoft.AspNetCore.Identity;

namespace DeputyPerformance.Domain.Accounts;

/// <summary>Identity's password and user-name errors in the user's language.</summary>
public sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    private static IdentityError Error(string code, string text) => new() { Code = code, Description = text };

    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), DomainText.Format("Identity_PasswordTooShort", length));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), DomainText.Get("Identity_PasswordRequiresDigit"));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), DomainText.Get("Identity_PasswordRequiresLower"));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), DomainText.Get("Identity_PasswordRequiresUpper"));
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric), DomainText.Get("Identity_PasswordRequiresNonAlphanumeric"));
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), DomainText.Format("Identity_PasswordRequiresUniqueChars", uniqueChars));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), DomainText.Get("Identity_PasswordMismatch"));
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), DomainText.Format("Identity_DuplicateUserName", userName));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), DomainText.Format("Identity_InvalidUserName", userName));
    public override IdentityError DefaultError() => Error(nameof(DefaultError), DomainText.Get("Identity_DefaultError"));
}
