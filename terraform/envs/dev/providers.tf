provider "aws" {
  # Null falls back to AWS_REGION / the profile's region.
  region = var.region

  default_tags {
    tags = merge({
      Project     = "ponder"
      Environment = "dev"
      ManagedBy   = "terraform"
    }, var.tags)
  }
}
