// Package script is the contract between the mocha spec tests/emulator/official-clients.spec.ts and
// the Go programs that drive the official Go SDKs against the emulator: a script of calls comes in on
// stdin as JSON, one JSON line per call goes out on stdout.
package script

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// Key is an AccessKey to sign one call with.
type Key struct {
	ID     string `json:"id"`
	Secret string `json:"secret"`
}

// Call is one typed SDK call: the Action, its request as the SDK's JSON field names, and the key.
type Call struct {
	Name   string                     `json:"name"`
	Action string                     `json:"action"`
	Params map[string]json.RawMessage `json:"params"`
	Key    Key                        `json:"key"`
}

// Script is what a program reads from stdin.
type Script struct {
	// Endpoint is host:port of the emulator (plain HTTP).
	Endpoint string `json:"endpoint"`
	RegionID string `json:"regionId"`
	// Signature is "v2" (RPC HMAC-SHA1) or "v3" (ACS3-HMAC-SHA256); the classic SDK signs v2 only.
	Signature string `json:"signature"`
	Calls     []Call `json:"calls"`
}

// Result is one line of stdout.
type Result struct {
	Name      string          `json:"name"`
	OK        bool            `json:"ok"`
	Status    int             `json:"status,omitempty"`
	Code      string          `json:"code,omitempty"`
	Message   string          `json:"message,omitempty"`
	RequestID string          `json:"requestId,omitempty"`
	HostID    string          `json:"hostId,omitempty"`
	Body      json.RawMessage `json:"body,omitempty"`
}

// Runner performs one call with a particular SDK.
type Runner func(s *Script, c *Call) Result

// Main reads the script, runs every call in order and prints the results; exit code 2 on a bad script.
func Main(run Runner) {
	raw, err := io.ReadAll(os.Stdin)
	if err != nil {
		fail(err)
	}
	var s Script
	if err := json.Unmarshal(raw, &s); err != nil {
		fail(fmt.Errorf("script is not JSON: %w", err))
	}
	out := json.NewEncoder(os.Stdout)
	for i := range s.Calls {
		r := run(&s, &s.Calls[i])
		r.Name = s.Calls[i].Name
		if err := out.Encode(r); err != nil {
			fail(err)
		}
	}
}

// Success wraps a typed response body.
func Success(body interface{}) Result {
	b, err := json.Marshal(body)
	if err != nil {
		return Failure(fmt.Errorf("cannot serialize the SDK's response: %w", err))
	}
	return Result{OK: true, Body: b}
}

// Failure reports an error that is not a service answer (bad script, transport, SDK misuse).
func Failure(err error) Result {
	return Result{OK: false, Code: "ClientSide", Message: err.Error()}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(2)
}
