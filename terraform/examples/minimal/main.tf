provider "aws" {
  region = var.region
}

# The stack with its defaults: JVM builds on java21, names prefixed `ponder`, AWS managed keys, alarms without
# actions, model URLs unset (searches naming a model profile fail until policy_url/prm_url are set).
module "ponder" {
  source = "../../modules/ponder"

  functions_zip  = var.functions_zip
  api_zip        = var.api_zip
  trigger_tenant = var.trigger_tenant
}
