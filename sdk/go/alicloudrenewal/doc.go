// Renew Alibaba Cloud ECS subscription instances and reserved instances declaratively, never twice for one term.
package alicloudrenewal
