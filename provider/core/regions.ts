/**
 * Alibaba Cloud region ids where ECS sells subscriptions, as of this release. A
 * region missing here can be allowed without a new release with the
 * `alicloud-renewal:extraRegions` setting (comma-separated).
 */
export const KNOWN_REGIONS: readonly string[] = [
    "cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
    "cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-wuhan-lr", "cn-shenzhen", "cn-heyuan", "cn-guangzhou",
    "cn-chengdu", "cn-hongkong",
    "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3", "ap-southeast-5",
    "ap-southeast-6", "ap-southeast-7", "ap-south-1",
    "us-east-1", "us-west-1", "na-south-1", "eu-west-1", "eu-central-1", "me-east-1", "me-central-1",
];

/**
 * Tells whether a region id is known.
 *
 * @param regionId - The region to look up.
 * @param extra - Regions allowed in addition to the known ones.
 */
export function isKnownRegion(regionId: string, extra: readonly string[] = []): boolean {
    return KNOWN_REGIONS.includes(regionId) || extra.includes(regionId);
}
