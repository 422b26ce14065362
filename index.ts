/**
 * pulumi-alicloud-renewal: renew Alibaba Cloud ECS subscription instances and
 * reserved instances declaratively, exactly once per declared term.
 */
export * from "./sdk";
