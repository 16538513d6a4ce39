using System.Globalization;

namespace Gateway.Host.FunctionalTests.Support;

/// <summary>A child process's peak resident set (Linux <c>/proc/&lt;pid&gt;/status</c> VmHWM), for the memory tests.</summary>
internal static class ProcessMemory
{
    /// <summary>Resets VmHWM to the current RSS, so a later <see cref="PeakBytes"/> measures from here.</summary>
    public static Task ResetPeakAsync(int pid) => File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5");

    public static long PeakBytes(int pid)
    {
        const string field = "VmHWM:";
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024L;
    }
}
