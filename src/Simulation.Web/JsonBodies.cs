using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Simulation.Scenarios;

namespace Simulation.Web;

/// <summary>
/// Request bodies: strict JSON (numbers are numbers, not strings; no unknown fields) read into the
/// request records, and every failure said in one line in the page's words, never .NET's type names.
/// </summary>
internal static partial class JsonBodies
{
    /// <summary>Largest request body (every request of the page is well under a kilobyte).</summary>
    public const int MaxBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // The web defaults read "5" as 5; a number sent as a string is a mistake to say, not to guess.
        NumberHandling = JsonNumberHandling.Strict,
        // 'colour' rather than \u0027colour\u0027 for whoever reads an answer with curl; safe for JSON served
        // as application/json with nosniff (control characters and quotes are still escaped).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Reads a JSON body; a failure comes back as one line (never an exception page). With
    /// <paramref name="plainText"/> a body sent as text/plain is read as JSON too: that is what
    /// <c>navigator.sendBeacon</c> sends for a string.
    /// </summary>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest http, T? empty = null, bool plainText = false) where T : class
    {
        if (empty is not null && http.ContentLength is 0 or null && !http.HasJsonContentType()) return (empty, null);
        bool text = plainText && http.ContentType is { } type && type.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase);
        if (!http.HasJsonContentType() && !text) return (null, "send a JSON body with Content-Type: application/json");
        // Buffered (Kestrel stops a body over MaxBytes with 413), so a failure can say what was sent where.
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, http.HttpContext.RequestAborted);
        byte[] body = buffer.ToArray();
        if (body.Length == 0 && empty is not null) return (empty, null);
        try
        {
            var value = JsonSerializer.Deserialize<T>(body, Options);
            return value is null ? (null, "the body must be a JSON object, not null") : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Describe(ex, typeof(T), body));
        }
    }

    /// <summary>One line for a JSON failure: an unknown field, a value of the wrong kind, or broken syntax.</summary>
    internal static string Describe(JsonException ex, Type root, byte[] body)
    {
        string path = ex.Path ?? "$";
        if (UnmappedProperty().Match(ex.Message) is { Success: true } unmapped)
        {
            string name = unmapped.Groups[1].Value;
            // The path may end at the unknown field itself; its fields are those of the object holding it.
            foreach (var own in new[] { "." + name, $"['{name.Replace("'", "''", StringComparison.Ordinal)}']" })
                if (path.EndsWith(own, StringComparison.Ordinal)) path = path[..^own.Length];
            if (path.Length == 0) path = "$";
            var at = TypeAt(root, path);
            var known = at is null ? [] : Fields(at);
            string where = path == "$" ? "" : $" in {Field(path)}";
            return $"unknown field '{Printable.Quote(name)}'{where}" +
                   (known.Count > 0 ? $" (fields: {string.Join(", ", known)})" : "");
        }
        if (ex.Message.StartsWith("The JSON value could not be converted to", StringComparison.Ordinal) && path != "$")
        {
            string expected = Expected(TypeAt(root, path));
            string sent = Sent(body, ex);
            return $"{Field(path)} must be {expected}{sent}";
        }
        string message = ex.Message;
        int tail = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (tail >= 0) message = message[..tail];
        string place = ex.LineNumber is { } line && ex.BytePositionInLine is { } col ? $" (line {line + 1}, byte {col + 1})" : "";
        return "malformed JSON" + place + ": " + Printable.Quote(message.TrimEnd('.'), 200);
    }

    /// <summary>"partners.alma.anxiety" for "$.partners.alma.anxiety" (cut short: a key may be huge).</summary>
    private static string Field(string path) => Printable.Quote(path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$'), 80);

    /// <summary>What the value at the error was: text in quotes, or a list or object where a value was expected.</summary>
    private static string Sent(byte[] body, JsonException ex)
    {
        // The reader's position is where the value that failed ends or starts; look at the token before it.
        if (ex.LineNumber is not { } line || ex.BytePositionInLine is not { } col) return "";
        int offset = 0;
        for (long l = 0; l < line && offset < body.Length; offset++)
            if (body[offset] == (byte)'\n') l++;
        int at = (int)Math.Min(body.Length, offset + col);
        int i = at - 1;
        while (i >= 0 && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i--;
        return i >= 0 && body[i] == (byte)'"' ? ", not text in quotes" : "";
    }

    private static string Expected(Type? type)
    {
        if (type is null) return "a value of another kind";
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(ulong)) return $"a whole number from 0 to {ulong.MaxValue}";
        if (type == typeof(int) || type == typeof(long)) return "a whole number";
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return "a number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(string)) return "text in quotes";
        if (IsDictionary(type, out _)) return "an object of named values";
        if (ElementType(type) is not null) return "a list [ … ]";
        return "an object { … }";
    }

    /// <summary>The property type a JSON path leads to from <paramref name="root"/> ("$.traits[0].anxiety" → double?).</summary>
    internal static Type? TypeAt(Type root, string path)
    {
        Type? t = root;
        foreach (Match m in PathPart().Matches(path))
        {
            if (t is null) return null;
            t = Nullable.GetUnderlyingType(t) ?? t;
            if (m.Groups["index"].Success) { t = ElementType(t); continue; }
            string name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["quoted"].Value;
            if (IsDictionary(t, out var value)) { t = value; continue; }
            t = t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
        }
        return t;
    }

    private static List<string> Fields(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        if (IsDictionary(t, out _) || ElementType(t) is not null || t == typeof(string) || t.IsPrimitive) return [];
        // The request records' members, named as on the wire; the records are the page's own, with no hidden members.
        return t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => Options.PropertyNamingPolicy!.ConvertName(p.Name)).ToList();
    }

    private static bool IsDictionary(Type t, out Type? value)
    {
        var dict = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? t : null;
        value = dict?.GetGenericArguments()[1];
        return dict is not null;
    }

    private static Type? ElementType(Type t)
    {
        if (t == typeof(string)) return null;
        if (t.IsArray) return t.GetElementType();
        return t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) && t.GetGenericTypeDefinition() == typeof(List<>) ? t.GetGenericArguments()[0] : null;
    }

    [GeneratedRegex(@"^The JSON property '(.*)' could not be mapped to any \.NET member", RegexOptions.Singleline)]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"\.(?<name>[^.\[\]]+)|\['(?<quoted>(?:[^']|'')*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();
}
