using System;
using System.Collections.Generic;

namespace Gateway.Generator.Helpers;

/// <summary>"Did you mean" suggestions: the closest candidate within edit distance 2.</summary>
internal static class Suggestions
{
    public const int MaxDistance = 2;

    /// <summary>Returns <c> (did you mean 'x'?)</c> or an empty string.</summary>
    public static string DidYouMean(string value, IEnumerable<string> candidates)
    {
        var best = Closest(value, candidates);
        return best is null ? string.Empty : $" (did you mean '{best}'?)";
    }

    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = MaxDistance + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(value, candidate);
            if (distance < bestDistance && candidate != value)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /// <summary>Optimal string alignment distance (Levenshtein plus adjacent transpositions).</summary>
    public static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > MaxDistance) return MaxDistance + 1;
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
