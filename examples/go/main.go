// A Pulumi Go program renewing subscription ECS instances and reserved instances through the
// alicloud-renewal provider plugin and its generated Go SDK (see README.md beside this file):
//
//	pulumi config set --path 'instanceIds[0]' i-bp1...   # [1], [2]... for more
//	pulumi config set --path 'reservedInstanceIds[0]' ecsri-...
//	pulumi config set term 2027                      # change it to pay for one more period
//	pulumi config set alicloud-renewal:region cn-hangzhou
//	pulumi config set alicloud-renewal:accessKey LTAI...
//	pulumi config set --secret alicloud-renewal:secretKey ...
//
// Each target is renewed once when its lease is created and once more each time term changes.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"pulumi-alicloud-renewal/sdk/go/alicloudrenewal"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		var instanceIDs, reservedInstanceIDs []string
		cfg.RequireObject("instanceIds", &instanceIDs)
		cfg.RequireObject("reservedInstanceIds", &reservedInstanceIDs)
		term := cfg.Get("term")
		if term == "" {
			term = "2027"
		}

		servers, err := alicloudrenewal.NewRenewalLease(ctx, "servers", &alicloudrenewal.RenewalLeaseArgs{
			InstanceIds: pulumi.ToStringArray(instanceIDs),
			Period:      pulumi.Int(1),
			PeriodUnit:  pulumi.String("Month"),
			Term:        pulumi.String(term),
		})
		if err != nil {
			return err
		}
		reservations, err := alicloudrenewal.NewRenewalLease(ctx, "reservations", &alicloudrenewal.RenewalLeaseArgs{
			ReservedInstanceIds: pulumi.ToStringArray(reservedInstanceIDs),
			Period:              pulumi.Int(1),
			PeriodUnit:          pulumi.String("Year"),
			Term:                pulumi.String(term),
		})
		if err != nil {
			return err
		}

		// Per target: expiry as last read, status, and the term it was last renewed for.
		ctx.Export("servers", servers.Targets)
		ctx.Export("reservations", reservations.Targets)
		return nil
	})
}
