using System.Reflection;
using System.Text.RegularExpressions;
using LedgerCluster.Core.Tests.Support;

namespace LedgerCluster.Core.Tests.Architecture;

/// <summary>
/// The `ledger` client talks to a gateway and renders its answers through LedgerCluster.Api only. It references the silo
/// for one purpose, hosting a node in-process (and reading a node's store for `fsck --data`): only the files listed in
/// <see cref="Hosting"/> may name a type of the silo, the grains or the grain interfaces.
/// </summary>
public sealed partial class ClientBoundaryTests
{
    /// <summary>The hosting commands: `serve`, `demo`, `bench`'s embedded node and witnessed-latency probe, the serve flags, `fsck --data`.</summary>
    private static readonly string[] Hosting =
    [
        "Commands/ServeCommand.cs", "Commands/DemoCommand.cs", "Commands/FsckCommand.cs",
        "Bench/EmbeddedNode.cs", "Bench/WitnessedLatencyProbe.cs", "Bench/ScaleProbe.cs", "Cli/WitnessFlags.cs",
    ];

    private static readonly string[] ServerAssemblies = ["LedgerCluster.Silo", "LedgerCluster.Grains", "LedgerCluster.GrainInterfaces"];

    // A namespace named in full, or from inside LedgerCluster.Client as `Silo.`, `Grains.` or `GrainInterfaces.`.
    [GeneratedRegex(@"\bLedgerCluster\.(Silo|Grains|GrainInterfaces)\b|(?<![\w.])(Silo|Grains|GrainInterfaces)\.[A-Z]")]
    private static partial Regex ServerNamespace();

    [Fact]
    public void Client_source_outside_the_hosting_commands_names_no_server_type()
    {
        var client = RepoPaths.Path("client");
        var offenders = Directory.EnumerateFiles(client, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(client, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("obj/", StringComparison.Ordinal) && !f.StartsWith("bin/", StringComparison.Ordinal) && !Hosting.Contains(f))
            .SelectMany(f => File.ReadLines(Path.Combine(client, f)).Select((line, n) => (File: f, Line: n + 1, Text: line.Trim())))
            .Where(l => ServerNamespace().IsMatch(l.Text))
            .Select(l => $"client/{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(offenders.Count == 0, "client code outside the hosting commands uses the server:\n" + string.Join("\n", offenders));
        var project = File.ReadAllText(Path.Combine(client, "LedgerCluster.Client.csproj"));
        Assert.DoesNotMatch(@"<Using\s+Include=""LedgerCluster\.(Silo|Grains|GrainInterfaces)", project);
        Assert.All(Hosting, f => Assert.True(File.Exists(Path.Combine(client, f)), $"the hosting file {f} is gone: update the list"));
        // The scan does see the server where it is allowed.
        Assert.Contains(Hosting, f => File.ReadLines(Path.Combine(client, f)).Any(l => ServerNamespace().IsMatch(l)));
    }

    [Fact]
    public void Client_types_outside_the_hosting_commands_have_no_server_type_in_their_signatures()
    {
        var hostingTypes = Hosting.Select(f => Path.GetFileNameWithoutExtension(f)).ToHashSet(StringComparer.Ordinal);
        var assembly = typeof(Client.Cli.LedgerCli).Assembly;
        var (hosting, rest) = (assembly.GetTypes().Where(t => hostingTypes.Contains(Outermost(t).Name)).ToList(), assembly.GetTypes().Where(t => !hostingTypes.Contains(Outermost(t).Name)));
        // The check sees server types where they are allowed (so it would see them elsewhere)...
        Assert.Contains(hosting.SelectMany(ServerTypesIn), u => u.Contains("LedgerHostOptions", StringComparison.Ordinal));
        // ...and finds none anywhere else.
        var offenders = rest.SelectMany(ServerTypesIn).Distinct().ToList();
        Assert.True(offenders.Count == 0, "client types outside the hosting commands use server types:\n" + string.Join("\n", offenders));
    }

    private static IEnumerable<string> ServerTypesIn(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var used = new List<(string Where, Type Type)>();
        if (type.BaseType is { } baseType) used.Add(("base", baseType));
        used.AddRange(type.GetInterfaces().Select(i => ("interface", i)));
        used.AddRange(type.GetFields(all).Select(f => ($"field {f.Name}", f.FieldType)));
        used.AddRange(type.GetProperties(all).Select(p => ($"property {p.Name}", p.PropertyType)));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info) used.Add(($"{method.Name} returns", info.ReturnType));
            used.AddRange(method.GetParameters().Select(p => ($"{method.Name}({p.Name})", p.ParameterType)));
            used.AddRange((method.GetMethodBody()?.LocalVariables ?? []).Select(l => ($"{method.Name} local", l.LocalType)));
        }
        return used.Where(u => Flatten(u.Type).Any(IsServer)).Select(u => $"{type.FullName}: {u.Where}: {u.Type}");
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer) type = outer;
        return type;
    }

    private static IEnumerable<Type> Flatten(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
            foreach (var t in Flatten(element)) yield return t;
        if (type.IsGenericType)
            foreach (var t in type.GetGenericArguments().SelectMany(Flatten)) yield return t;
    }

    private static bool IsServer(Type type) => !type.IsGenericParameter && ServerAssemblies.Contains(type.Assembly.GetName().Name);
}
