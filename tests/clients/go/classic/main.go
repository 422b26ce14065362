// Command classic drives the classic Go SDK (github.com/aliyun/alibaba-cloud-sdk-go, services/ecs:
// the SDK under the `aliyun` command-line tool) through a script of typed ECS calls. It signs with
// the classic RPC signature only (HMAC-SHA1, SignatureVersion 1.0, an empty SignatureType).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/ecs"

	"pulumi-alicloud-renewal/tests/clients/go/internal/script"
)

// A typed call: builds the SDK's request, fills it, sends it with the typed method.
type action func(c *ecs.Client, fill func(req requests.AcsRequest) error) (interface{}, error)

// typed adapts one Create*Request / client method pair to an action.
func typed[Req requests.AcsRequest, Res any](create func() Req, send func(*ecs.Client, Req) (Res, error)) action {
	return func(c *ecs.Client, fill func(requests.AcsRequest) error) (interface{}, error) {
		req := create()
		if err := fill(req); err != nil {
			return nil, err
		}
		return send(c, req)
	}
}

var actions = map[string]action{
	"RenewInstance":                              typed(ecs.CreateRenewInstanceRequest, (*ecs.Client).RenewInstance),
	"RenewReservedInstances":                     typed(ecs.CreateRenewReservedInstancesRequest, (*ecs.Client).RenewReservedInstances),
	"DescribeInstances":                          typed(ecs.CreateDescribeInstancesRequest, (*ecs.Client).DescribeInstances),
	"DescribeReservedInstances":                  typed(ecs.CreateDescribeReservedInstancesRequest, (*ecs.Client).DescribeReservedInstances),
	"DescribeRenewalPrice":                       typed(ecs.CreateDescribeRenewalPriceRequest, (*ecs.Client).DescribeRenewalPrice),
	"ModifyInstanceAutoRenewAttribute":           typed(ecs.CreateModifyInstanceAutoRenewAttributeRequest, (*ecs.Client).ModifyInstanceAutoRenewAttribute),
	"DescribeInstanceAutoRenewAttribute":         typed(ecs.CreateDescribeInstanceAutoRenewAttributeRequest, (*ecs.Client).DescribeInstanceAutoRenewAttribute),
	"ModifyReservedInstanceAutoRenewAttribute":   typed(ecs.CreateModifyReservedInstanceAutoRenewAttributeRequest, (*ecs.Client).ModifyReservedInstanceAutoRenewAttribute),
	"DescribeReservedInstanceAutoRenewAttribute": typed(ecs.CreateDescribeReservedInstanceAutoRenewAttributeRequest, (*ecs.Client).DescribeReservedInstanceAutoRenewAttribute),
}

// classicJSON turns the script's typed values into the classic request's field types: numbers and
// booleans are strings there (requests.Integer, requests.Boolean), lists stay lists of strings.
func classicJSON(params map[string]json.RawMessage) ([]byte, error) {
	out := map[string]interface{}{}
	for name, raw := range params {
		var v interface{}
		if err := json.Unmarshal(raw, &v); err != nil {
			return nil, err
		}
		switch t := v.(type) {
		case float64:
			out[name] = strconv.FormatFloat(t, 'f', -1, 64)
		case bool:
			out[name] = strconv.FormatBool(t)
		default:
			out[name] = t
		}
	}
	return json.Marshal(out)
}

func run(s *script.Script, c *script.Call) script.Result {
	if s.Signature != "v2" {
		return script.Failure(fmt.Errorf("the classic SDK signs v2 only, not %q", s.Signature))
	}
	act, ok := actions[c.Action]
	if !ok {
		return script.Failure(fmt.Errorf("no typed call for %s", c.Action))
	}
	client, err := ecs.NewClientWithAccessKey(s.RegionID, c.Key.ID, c.Key.Secret)
	if err != nil {
		return script.Failure(err)
	}
	client.GetConfig().WithAutoRetry(false)
	body, err := act(client, func(req requests.AcsRequest) error {
		data, err := classicJSON(c.Params)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(data, req); err != nil {
			return fmt.Errorf("params do not fit %T: %w", req, err)
		}
		req.SetDomain(s.Endpoint)
		req.SetScheme("http")
		return nil
	})
	if err != nil {
		var se *sdkerrors.ServerError
		if errors.As(err, &se) {
			return script.Result{Status: se.HttpStatus(), Code: se.ErrorCode(), Message: se.Message(), RequestID: se.RequestId(), HostID: se.HostId()}
		}
		return script.Failure(err)
	}
	return script.Success(body)
}

func main() { script.Main(run) }
