using DeputyPerformance.Domain.Common;
using FluentValidation;

namespace DeputyPerformance.Tests.Support;

/// <summary>Checks a validator's verdict on one property together with the localized message it gives.</summary>
public static class ValidationAssert
{
    public static void Passes<T>(IValidator<T> validator, T input)
    {
        var result = validator.Validate(input);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
    }

    /// <summary>The input fails on the property, with exactly the message of the resource key, and on nothing else.</summary>
    public static void FailsWith<T>(IValidator<T> validator, T input, string property, string key)
    {
        var expected = DomainText.Get(key);
        Assert.NotEqual(key, expected); // the key has a text in the resources
        var errors = validator.Validate(input).Errors;
        Assert.Contains(errors, e => e.PropertyName == property && e.ErrorMessage == expected);
        Assert.All(errors, e => Assert.Equal(property, e.PropertyName));
    }
}
