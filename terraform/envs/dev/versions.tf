terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Remote state for a shared dev environment: fill in (or pass with -backend-config) and uncomment. S3's native
  # lock file (use_lockfile, Terraform >= 1.10) replaces the DynamoDB lock table. The offline checks run
  # `terraform init -backend=false`, which ignores this block either way.
  #
  # backend "s3" {
  #   bucket       = "my-terraform-state"
  #   key          = "ponder/dev/terraform.tfstate"
  #   region       = "eu-west-1"
  #   encrypt      = true
  #   use_lockfile = true
  # }
}
