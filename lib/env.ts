import "server-only";

import { z } from "zod";

import { EMBEDDED_EMULATOR } from "@/lib/embedded-emulator";

export const REGIONS = ["china", "sgp", "kr", "ger", "usa", "idn", "ind"] as const;
export type Region = (typeof REGIONS)[number];

const CHAT_HOSTS: Record<Region, string> = {
  china: "https://console.tim.qq.com",
  sgp: "https://adminapisgp.im.qcloud.com",
  kr: "https://adminapikr.im.qcloud.com",
  ger: "https://adminapiger.im.qcloud.com",
  usa: "https://adminapiusa.im.qcloud.com",
  idn: "https://adminapiidn.im.qcloud.com",
  ind: "https://adminapiind.im.qcloud.com",
};

/** Regions the TRTC monitoring APIs (Cloud API 3.0, 2019-07-22) answer in. */
export const CLOUD_REGIONS = [
  "ap-singapore",
  "ap-guangzhou",
  "ap-beijing",
  "ap-mumbai",
  "na-toronto",
] as const;
const CLOUD_TRTC_ENDPOINT = "https://trtc.tencentcloudapi.com";

const CALLKIT_HOSTS: Record<Region, string> = {
  china: "https://callkit.trtc.tencent-cloud.com",
  sgp: "https://callkit-intl.trtc.tencent-cloud.com",
  kr: "https://callkit-intl.trtc.tencent-cloud.com",
  ger: "https://callkit-intl.trtc.tencent-cloud.com",
  usa: "https://callkit-intl.trtc.tencent-cloud.com",
  idn: "https://callkit-intl.trtc.tencent-cloud.com",
  ind: "https://callkit-intl.trtc.tencent-cloud.com",
};

// Empty strings count as unset, so `FOO=` in a .env file means "use the default".
const optionalString = z.preprocess((v) => (v === "" ? undefined : v), z.string().optional());
const int = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.coerce.number().int(`must be a whole number`).min(min).max(max),
  );
const url = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
);
const list = z.preprocess(
  (v) => (v === "" ? undefined : v),
  z
    .string()
    .optional()
    .transform((s) =>
      (s ?? "")
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    ),
);

const schema = z.object({
  TRTC_SDK_APP_ID: z.preprocess((v) => (v === "" ? undefined : v), int(1, 4294967295).optional()),
  TRTC_SECRET_KEY: optionalString,
  TRTC_ADMIN_USERSIG: optionalString,
  TRTC_ADMIN_IDENTIFIER: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(1).default("administrator"),
  ),
  TRTC_REGION: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REGIONS).default("sgp")),
  TRTC_CHAT_BASE_URL: url,
  TRTC_CALLKIT_BASE_URL: url,
  TENCENT_CALLBACK_AUTH_TOKEN: optionalString,
  TRTC_RECORDS_API: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["v4", "v1", "both"]).default("both"),
  ),
  DATABASE_URL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  ),
  DATA_DIR: z.preprocess((v) => (v === "" ? undefined : v), z.string().default(".data")),
  PORT: int(1, 65535).default(3000),
  SYNC_INTERVAL: int(1, 86400).default(60),
  INDEX_RETENTION_DAYS: int(1, 3650).default(90),
  DEMO_PASSWORD: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(8, "must be at least 8 characters").optional(),
  ),
  NEXTAUTH_SECRET: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  NEXTAUTH_URL: url,
  // Seconds from sign-in after which a session ends, however active (12 h by default).
  SESSION_LIFETIME: int(60, 30 * 86400).default(12 * 3600),
  // Reverse proxies in front of the console whose X-Forwarded-For entries are believed.
  TRUSTED_PROXY_HOPS: int(0, 10).default(0),
  TRUSTED_PROXIES: list.pipe(
    z.array(
      z.union([z.cidrv4(), z.cidrv6(), z.ipv4(), z.ipv6()], {
        error: "must be IP addresses or CIDR ranges, comma-separated",
      }),
    ),
  ),
  AUTH_OIDC_ISSUER: url,
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  AUTH_OIDC_NAME: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().default("Company SSO"),
  ),
  AUTH_OIDC_SCOPE: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().default("openid email profile"),
  ),
  AUTH_OIDC_ROLES_CLAIM: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().default("groups"),
  ),
  AUTH_OIDC_ADMIN_GROUPS: list,
  AUTH_OIDC_MANAGER_GROUPS: list,
  AUTH_OIDC_SUPPORT_GROUPS: list,
  AUTH_OIDC_ALLOWED_DOMAIN: optionalString,
  TENCENTCLOUD_SECRET_ID: optionalString,
  TENCENTCLOUD_SECRET_KEY: optionalString,
  TENCENTCLOUD_REGION: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(CLOUD_REGIONS).default("ap-singapore"),
  ),
  // TC3 signs the service name, which the SDK reads from the host's first label.
  TENCENTCLOUD_TRTC_ENDPOINT: url.refine(
    (u) => u === undefined || /^trtc\./.test(new URL(u).hostname),
    {
      error:
        "must be a URL whose host starts with trtc. (the signature names the service after it)",
    },
  ),
  EMULATOR_PORT: int(1, 65535).default(EMBEDDED_EMULATOR.port),
  EMULATOR_SDK_APP_ID: int(1, 4294967295).default(EMBEDDED_EMULATOR.sdkAppId),
  EMULATOR_SECRET_KEY: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.string().min(1).default(EMBEDDED_EMULATOR.secretKey),
  ),
  LOG_LEVEL: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
  ),
  LOG_FORMAT: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["json", "pretty"]).optional(),
  ),
});

type RawEnv = z.infer<typeof schema>;

export type TrtcConfig = {
  /** `embedded`: no real app configured, the console talks to the emulator it starts. */
  mode: "embedded" | "tencent";
  sdkAppId: number;
  secretKey?: string;
  adminUserSig?: string;
  identifier: string;
  chatBaseUrl: string;
  callkitBaseUrl: string;
  recordsApi: "v4" | "v1" | "both";
};

/** Cloud API 3.0 access for call quality; null when not configured (the section says so). */
export type TrtcCloudConfig = {
  endpoint: string;
  secretId: string;
  secretKey: string;
  region: string;
  sdkAppId: number;
};

export type Env = RawEnv & {
  trtc: TrtcConfig;
  trtcCloud: TrtcCloudConfig | null;
  embedded: boolean;
};

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      `Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`,
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new EnvError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "environment"),
        message: issue.message,
      })),
    );
  }
  const raw = parsed.data;
  const embedded = raw.TRTC_SDK_APP_ID === undefined;
  const problems: { variable: string; message: string }[] = [];

  if (!embedded && !raw.TRTC_SECRET_KEY && !raw.TRTC_ADMIN_USERSIG) {
    problems.push({
      variable: "TRTC_SECRET_KEY",
      message: "set TRTC_SECRET_KEY or TRTC_ADMIN_USERSIG when TRTC_SDK_APP_ID is set",
    });
  }
  if (!embedded && !raw.NEXTAUTH_SECRET) {
    problems.push({ variable: "NEXTAUTH_SECRET", message: "required when TRTC_SDK_APP_ID is set" });
  }
  if (raw.AUTH_OIDC_ISSUER && (!raw.AUTH_OIDC_CLIENT_ID || !raw.AUTH_OIDC_CLIENT_SECRET)) {
    problems.push({
      variable: raw.AUTH_OIDC_CLIENT_ID ? "AUTH_OIDC_CLIENT_SECRET" : "AUTH_OIDC_CLIENT_ID",
      message: "required when AUTH_OIDC_ISSUER is set",
    });
  }
  if (Boolean(raw.TENCENTCLOUD_SECRET_ID) !== Boolean(raw.TENCENTCLOUD_SECRET_KEY)) {
    problems.push({
      variable: raw.TENCENTCLOUD_SECRET_ID ? "TENCENTCLOUD_SECRET_KEY" : "TENCENTCLOUD_SECRET_ID",
      message: "set both TENCENTCLOUD_SECRET_ID and TENCENTCLOUD_SECRET_KEY, or neither",
    });
  }
  if (problems.length > 0) throw new EnvError(problems);

  const emulatorUrl = `http://127.0.0.1:${raw.EMULATOR_PORT}`;
  const trtc: TrtcConfig = embedded
    ? {
        mode: "embedded",
        sdkAppId: raw.EMULATOR_SDK_APP_ID,
        secretKey: raw.EMULATOR_SECRET_KEY,
        identifier: raw.TRTC_ADMIN_IDENTIFIER,
        chatBaseUrl: raw.TRTC_CHAT_BASE_URL ?? emulatorUrl,
        callkitBaseUrl: raw.TRTC_CALLKIT_BASE_URL ?? emulatorUrl,
        recordsApi: raw.TRTC_RECORDS_API,
      }
    : {
        mode: "tencent",
        sdkAppId: raw.TRTC_SDK_APP_ID!,
        secretKey: raw.TRTC_SECRET_KEY,
        adminUserSig: raw.TRTC_ADMIN_USERSIG,
        identifier: raw.TRTC_ADMIN_IDENTIFIER,
        chatBaseUrl: raw.TRTC_CHAT_BASE_URL ?? CHAT_HOSTS[raw.TRTC_REGION],
        callkitBaseUrl: raw.TRTC_CALLKIT_BASE_URL ?? CALLKIT_HOSTS[raw.TRTC_REGION],
        recordsApi: raw.TRTC_RECORDS_API,
      };
  return { ...raw, trtc, trtcCloud: cloudConfig(raw, trtc, embedded), embedded };
}

// Embedded mode talks to the emulator's Cloud API with its key pair: same code path, other URL.
// trtc.localhost resolves to loopback (RFC 6761), and its first label names the signed service.
function cloudConfig(raw: RawEnv, trtc: TrtcConfig, embedded: boolean): TrtcCloudConfig | null {
  const region = raw.TENCENTCLOUD_REGION;
  if (raw.TENCENTCLOUD_SECRET_ID && raw.TENCENTCLOUD_SECRET_KEY) {
    return {
      endpoint:
        raw.TENCENTCLOUD_TRTC_ENDPOINT ??
        (embedded ? `http://trtc.localhost:${raw.EMULATOR_PORT}` : CLOUD_TRTC_ENDPOINT),
      secretId: raw.TENCENTCLOUD_SECRET_ID,
      secretKey: raw.TENCENTCLOUD_SECRET_KEY,
      region,
      sdkAppId: trtc.sdkAppId,
    };
  }
  if (!embedded) return null;
  return {
    endpoint: raw.TENCENTCLOUD_TRTC_ENDPOINT ?? `http://trtc.localhost:${raw.EMULATOR_PORT}`,
    secretId: EMBEDDED_EMULATOR.cloudSecretId,
    secretKey: EMBEDDED_EMULATOR.cloudSecretKey,
    region,
    sdkAppId: trtc.sdkAppId,
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function resetEnvForTests(): void {
  cached = undefined;
}
