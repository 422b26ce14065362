// Command go-stack runs one Pulumi operation on a Go stack of RenewalLease resources, through the
// Automation API with an inline program (the Go language host is not needed), so tests can drive a
// Go program against the alicloud-renewal plugin through the real Pulumi CLI.
//
// Usage: go-stack --spec FILE.json
//
// FILE.json is a [spec]. The Pulumi CLI is the `pulumi` on this process's PATH; the plugin is found
// by the CLI as usual (on PATH or installed). The last line on stdout is one JSON [result]; the exit
// status is non-zero when the operation or the spec failed.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optimport"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"pulumi-alicloud-renewal/sdk/go/alicloudrenewal"
)

// leaseType is the resource token of a lease, as the generated SDK registers it.
const leaseType = "alicloud-renewal:index:RenewalLease"

// spec is the JSON file given with --spec.
type spec struct {
	// Op is up, preview, preview-diff, refresh, destroy or import.
	Op string `json:"op"`
	// Project and Stack name the stack; WorkDir is the workspace folder (created if missing).
	Project string `json:"project"`
	Stack   string `json:"stack"`
	WorkDir string `json:"workDir"`
	// BackendURL is the state backend, e.g. file:///tmp/state.
	BackendURL string `json:"backendUrl"`
	// Config is set on the stack before the operation.
	Config []configEntry `json:"config"`
	// Env is passed to every Pulumi CLI process (e.g. PULUMI_CONFIG_PASSPHRASE, PULUMI_HOME).
	Env map[string]string `json:"env"`
	// Leases are the program's resources (import: the resources to import).
	Leases []lease `json:"leases"`
}

type configEntry struct {
	Key    string `json:"key"`
	Value  string `json:"value"`
	Secret bool   `json:"secret"`
}

type lease struct {
	Name string `json:"name"`
	// Args are RenewalLeaseArgs by their schema names (instanceIds, period, term, ...).
	Args map[string]json.RawMessage `json:"args"`
	// SecretArgs names the arguments passed as secrets.
	SecretArgs []string `json:"secretArgs"`
	// Aliases are former names of the lease.
	Aliases []string `json:"aliases"`
	// ImportID is the id `import` adopts the lease with (REGION/ID[,ID...]).
	ImportID string `json:"importId"`
}

// result is the JSON line printed at the end.
type result struct {
	OK     bool   `json:"ok"`
	Stdout string `json:"stdout"`
	Stderr string `json:"stderr"`
	// Outputs (up only): each lease's outputs by lease name, as {value, secret}.
	Outputs map[string]outputValue `json:"outputs"`
	// Error is set when ok is false.
	Error string `json:"error,omitempty"`
}

type outputValue struct {
	Value  interface{} `json:"value"`
	Secret bool        `json:"secret"`
}

func main() {
	specPath := flag.String("spec", "", "the spec file (JSON)")
	flag.Parse()
	var stdout, stderr bytes.Buffer
	res := result{}
	err := run(*specPath, &stdout, &stderr, &res)
	res.OK, res.Stdout, res.Stderr = err == nil, stdout.String(), stderr.String()
	if err != nil {
		res.Error = err.Error()
	}
	line, _ := json.Marshal(res)
	fmt.Println(string(line))
	if err != nil {
		os.Exit(1)
	}
}

func run(specPath string, stdout, stderr io.Writer, res *result) error {
	s, err := readSpec(specPath)
	if err != nil {
		return err
	}
	program, err := newProgram(s.Leases)
	if err != nil {
		return err
	}
	// `pulumi import` does not run the program but asks the project's language host for the
	// plugins it needs, and there is no Go language host here: import names the Node.js host,
	// which every Pulumi CLI ships with.
	runtime := "go"
	if s.Op == "import" {
		runtime = "nodejs"
	}
	ctx := context.Background()
	if err := os.MkdirAll(s.WorkDir, 0o755); err != nil {
		return err
	}
	stack, err := auto.UpsertStackInlineSource(ctx, s.Stack, s.Project, program,
		auto.WorkDir(s.WorkDir),
		auto.EnvVars(s.Env),
		auto.Project(workspace.Project{
			Name:    tokens.PackageName(s.Project),
			Runtime: workspace.NewProjectRuntimeInfo(runtime, nil),
			Backend: &workspace.ProjectBackend{URL: s.BackendURL},
		}))
	if err != nil {
		return err
	}
	if len(s.Config) > 0 {
		config := auto.ConfigMap{}
		for _, c := range s.Config {
			config[c.Key] = auto.ConfigValue{Value: c.Value, Secret: c.Secret}
		}
		if err := stack.SetAllConfig(ctx, config); err != nil {
			return err
		}
	}
	switch s.Op {
	case "up":
		up, err := stack.Up(ctx, optup.ProgressStreams(stdout), optup.ErrorProgressStreams(stderr), optup.Color("never"))
		if err != nil {
			return err
		}
		res.Outputs = map[string]outputValue{}
		for name, o := range up.Outputs {
			res.Outputs[name] = outputValue{Value: o.Value, Secret: o.Secret}
		}
	case "preview", "preview-diff":
		opts := []optpreview.Option{optpreview.ProgressStreams(stdout), optpreview.ErrorProgressStreams(stderr), optpreview.Color("never")}
		if s.Op == "preview-diff" {
			opts = append(opts, optpreview.Diff())
		}
		_, err = stack.Preview(ctx, opts...)
	case "refresh":
		_, err = stack.Refresh(ctx, optrefresh.ProgressStreams(stdout), optrefresh.ErrorProgressStreams(stderr), optrefresh.Color("never"))
	case "destroy":
		_, err = stack.Destroy(ctx, optdestroy.ProgressStreams(stdout), optdestroy.ErrorProgressStreams(stderr), optdestroy.Color("never"))
	case "import":
		var resources []*optimport.ImportResource
		for _, l := range s.Leases {
			resources = append(resources, &optimport.ImportResource{Type: leaseType, Name: l.Name, ID: l.ImportID})
		}
		// Not protected, so destroy works. GenerateCode(false) is not used: Automation API 3.163.0
		// then fails reading the code file the CLI did not write (the import itself succeeds).
		_, err = stack.ImportResources(ctx, optimport.Resources(resources), optimport.Protect(false),
			optimport.ProgressStreams(stdout), optimport.ErrorProgressStreams(stderr))
	}
	return err
}

func readSpec(path string) (*spec, error) {
	if path == "" {
		return nil, errors.New("usage: go-stack --spec FILE.json")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	var s spec
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	switch s.Op {
	case "up", "preview", "preview-diff", "refresh", "destroy", "import":
	default:
		return nil, fmt.Errorf("%s: op %q is not one of up, preview, preview-diff, refresh, destroy, import", path, s.Op)
	}
	if s.Project == "" || s.Stack == "" || s.WorkDir == "" || s.BackendURL == "" {
		return nil, fmt.Errorf("%s: project, stack, workDir and backendUrl are required", path)
	}
	for _, l := range s.Leases {
		if s.Op == "import" && l.ImportID == "" {
			return nil, fmt.Errorf("%s: lease %q has no importId", path, l.Name)
		}
	}
	return &s, nil
}

// newProgram checks every lease's arguments and returns the inline program that declares them and
// exports each lease's outputs under its name.
func newProgram(leases []lease) (pulumi.RunFunc, error) {
	args := make([]*alicloudrenewal.RenewalLeaseArgs, len(leases))
	for i, l := range leases {
		a, err := leaseArgs(l)
		if err != nil {
			return nil, fmt.Errorf("lease %q: %w", l.Name, err)
		}
		args[i] = a
	}
	return func(ctx *pulumi.Context) error {
		for i, l := range leases {
			var opts []pulumi.ResourceOption
			for _, old := range l.Aliases {
				opts = append(opts, pulumi.Aliases([]pulumi.Alias{{Name: pulumi.String(old)}}))
			}
			r, err := alicloudrenewal.NewRenewalLease(ctx, l.Name, args[i], opts...)
			if err != nil {
				return err
			}
			ctx.Export(l.Name, outputsOf(r))
		}
		return nil
	}, nil
}

// leaseArgs fills the SDK's RenewalLeaseArgs from the JSON arguments. The SDK's plain argument
// struct (RenewalLeaseArgs.ElementType) gives each argument's schema name and Go type; the JSON
// value is decoded into that type and made an Output of the matching type (pulumi.ToOutput looks it
// up), so the schema alone decides which arguments exist and what they hold, enums included.
func leaseArgs(l lease) (*alicloudrenewal.RenewalLeaseArgs, error) {
	var args alicloudrenewal.RenewalLeaseArgs
	target := reflect.ValueOf(&args).Elem()
	plain := args.ElementType()
	fields := map[string]reflect.StructField{}
	for i := 0; i < plain.NumField(); i++ {
		fields[plain.Field(i).Tag.Get("pulumi")] = plain.Field(i)
	}
	secret := map[string]bool{}
	for _, name := range l.SecretArgs {
		if _, ok := l.Args[name]; !ok {
			return nil, fmt.Errorf("secretArgs names %q, which is not among its args", name)
		}
		secret[name] = true
	}
	for name, raw := range l.Args {
		f, ok := fields[name]
		if !ok || name == "" {
			return nil, fmt.Errorf("RenewalLeaseArgs has no argument %q", name)
		}
		value := reflect.New(f.Type)
		if err := json.Unmarshal(raw, value.Interface()); err != nil {
			return nil, fmt.Errorf("argument %q: %w", name, err)
		}
		out := pulumi.ToOutput(value.Elem().Interface())
		if secret[name] {
			out = pulumi.ToSecret(value.Elem().Interface())
		}
		field := target.FieldByName(f.Name)
		if !field.IsValid() || !reflect.TypeOf(out).AssignableTo(field.Type()) {
			return nil, fmt.Errorf("argument %q: go-stack cannot pass a %s as RenewalLeaseArgs.%s", name, f.Type, f.Name)
		}
		field.Set(reflect.ValueOf(out))
	}
	return &args, nil
}

// outputsOf maps every output property of the lease (the `pulumi:"name"` fields) to its value.
func outputsOf(r *alicloudrenewal.RenewalLease) pulumi.Map {
	out := pulumi.Map{}
	v := reflect.ValueOf(r).Elem()
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Tag.Get("pulumi")
		if o, ok := v.Field(i).Interface().(pulumi.Output); ok && name != "" {
			out[name] = o
		}
	}
	return out
}
