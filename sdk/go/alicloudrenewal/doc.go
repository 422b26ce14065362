// Renews Alibaba Cloud ECS subscriptions (instances and reserved instances) exactly once per declared term.
package alicloudrenewal
