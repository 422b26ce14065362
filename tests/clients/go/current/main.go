// Command current drives the current Go SDK (github.com/alibabacloud-go/ecs-20140526/v7 on
// darabonba-openapi v2) through a script of typed ECS calls, signed with ACS3-HMAC-SHA256 ("v3", the
// SDK's default) or the RPC HMAC-SHA1 signature ("v2", SignatureAlgorithm "v2").
package main

import (
	"encoding/json"
	"errors"
	"fmt"

	openapiutil "github.com/alibabacloud-go/darabonba-openapi/v2/utils"
	ecs "github.com/alibabacloud-go/ecs-20140526/v7/client"
	"github.com/alibabacloud-go/tea/dara"
	"github.com/alibabacloud-go/tea/tea"

	"pulumi-alicloud-renewal/tests/clients/go/internal/script"
)

// A typed call: fills the SDK's request model, sends it with the typed method.
type action func(c *ecs.Client, fill func(req interface{}) error) (interface{}, error)

// typed adapts one request model / client method pair to an action.
func typed[Req any, Res any](send func(*ecs.Client, *Req) (Res, error)) action {
	return func(c *ecs.Client, fill func(interface{}) error) (interface{}, error) {
		req := new(Req)
		if err := fill(req); err != nil {
			return nil, err
		}
		return send(c, req)
	}
}

var actions = map[string]action{
	"RenewInstance":                              typed((*ecs.Client).RenewInstance),
	"RenewReservedInstances":                     typed((*ecs.Client).RenewReservedInstances),
	"DescribeInstances":                          typed((*ecs.Client).DescribeInstances),
	"DescribeReservedInstances":                  typed((*ecs.Client).DescribeReservedInstances),
	"DescribeRenewalPrice":                       typed((*ecs.Client).DescribeRenewalPrice),
	"ModifyInstanceAutoRenewAttribute":           typed((*ecs.Client).ModifyInstanceAutoRenewAttribute),
	"DescribeInstanceAutoRenewAttribute":         typed((*ecs.Client).DescribeInstanceAutoRenewAttribute),
	"ModifyReservedInstanceAutoRenewAttribute":   typed((*ecs.Client).ModifyReservedInstanceAutoRenewAttribute),
	"DescribeReservedInstanceAutoRenewAttribute": typed((*ecs.Client).DescribeReservedInstanceAutoRenewAttribute),
}

// serviceError reads a service answer out of the SDK's error: darabonba-openapi v2 wraps every
// error as a *tea.SDKError (dara.TeaSDKError), whose Data is the JSON of the error body.
func serviceError(err error) (script.Result, bool) {
	var se *tea.SDKError
	if !errors.As(err, &se) || se.StatusCode == nil {
		return script.Result{}, false
	}
	r := script.Result{Status: dara.IntValue(se.StatusCode), Code: dara.StringValue(se.Code), Message: dara.StringValue(se.Message)}
	var data struct {
		RequestID string `json:"RequestId"`
		HostID    string `json:"HostId"`
	}
	if se.Data != nil && json.Unmarshal([]byte(*se.Data), &data) == nil {
		r.RequestID = data.RequestID
		r.HostID = data.HostID
	}
	return r, true
}

func run(s *script.Script, c *script.Call) script.Result {
	act, ok := actions[c.Action]
	if !ok {
		return script.Failure(fmt.Errorf("no typed call for %s", c.Action))
	}
	config := &openapiutil.Config{
		AccessKeyId:     dara.String(c.Key.ID),
		AccessKeySecret: dara.String(c.Key.Secret),
		Endpoint:        dara.String(s.Endpoint),
		Protocol:        dara.String("http"),
		RegionId:        dara.String(s.RegionID),
	}
	switch s.Signature {
	case "v2":
		config.SignatureAlgorithm = dara.String("v2")
	case "v3":
	default:
		return script.Failure(fmt.Errorf("unknown signature %q (v2 or v3)", s.Signature))
	}
	client, err := ecs.NewClient(config)
	if err != nil {
		return script.Failure(err)
	}
	raw, err := json.Marshal(c.Params)
	if err != nil {
		return script.Failure(err)
	}
	res, err := act(client, func(req interface{}) error {
		if err := json.Unmarshal(raw, req); err != nil {
			return fmt.Errorf("params do not fit %T: %w", req, err)
		}
		return nil
	})
	if err != nil {
		if r, ok := serviceError(err); ok {
			return r
		}
		return script.Failure(err)
	}
	// Every typed response carries the parsed body in its Body field.
	var envelope struct {
		Body json.RawMessage `json:"body"`
	}
	whole, err := json.Marshal(res)
	if err != nil || json.Unmarshal(whole, &envelope) != nil {
		return script.Failure(fmt.Errorf("cannot read the body of %T", res))
	}
	return script.Result{OK: true, Body: envelope.Body}
}

func main() { script.Main(run) }
