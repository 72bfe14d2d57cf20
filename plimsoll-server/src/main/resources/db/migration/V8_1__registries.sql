-- Registry credentials an account registered (anchore-cli registry add). The password is AES-GCM encrypted with
-- registries.secret_key, with the account and registry as associated data, so a ciphertext copied to another row
-- does not decrypt. Numbered 8.1 so parallel migrations of other areas merge without a clash.
CREATE TABLE registry_credential (
    account         text NOT NULL REFERENCES account (name) ON DELETE CASCADE,
    registry        text NOT NULL,          -- host[:port], or a repository prefix (host/org, host/org/*)
    registry_name   text NOT NULL,
    registry_type   text NOT NULL DEFAULT 'docker_v2',
    registry_user   text NOT NULL,
    secret          bytea NOT NULL,         -- 12-byte nonce || ciphertext || 16-byte tag
    registry_verify boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    last_updated    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (account, registry)
);
