using FluentValidation;

namespace DeputyPerformance.Domain.Common;

public static class ValidationExtensions
{
    /// <summary>Runs the same validator the form ran, again in the service, and refuses bad input.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T input, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid)
        {
            throw new InputValidationException(result.Errors.Select(e => e.ErrorMessage).Distinct().ToList());
        }
    }

    /// <summary>A localized message from the domain resources, resolved at validation time.</summary>
    public static IRuleBuilderOptions<T, TProperty> WithText<T, TProperty>(this IRuleBuilderOptions<T, TProperty> rule, string key) =>
        rule.WithMessage(_ => DomainText.Get(key));
}
