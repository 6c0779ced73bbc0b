variable "region" {
  description = "AWS region; null uses AWS_REGION or the profile's region."
  type        = string
  default     = null
}

variable "functions_zip" {
  description = "The functions zip, relative to this directory."
  type        = string
  default     = "../../../src/functions/target/function.zip"
}

variable "api_zip" {
  description = "The API zip, relative to this directory."
  type        = string
  default     = "../../../src/api/target/function.zip"
}

variable "native" {
  description = "true when the zips hold native images."
  type        = bool
  default     = false
}

variable "architecture" {
  description = "x86_64 or arm64."
  type        = string
  default     = "arm64"
}

variable "policy_url" {
  description = "Base URL of the policy endpoint."
  type        = string
  default     = "https://policy.example.com"
}

variable "prm_url" {
  description = "Base URL of the PRM endpoint."
  type        = string
  default     = "https://prm.example.com"
}

variable "sim_url" {
  description = "Base URL of a hosted simulator, or null."
  type        = string
  default     = null
}

variable "bucket_name" {
  description = "Name of the batch bucket, or null for ponder-full-batches-<account>-<region>."
  type        = string
  default     = null
}

variable "trigger_tenant" {
  description = "The tenant that owns batches started from the bucket."
  type        = string
  default     = "research"
}

variable "role_permissions_boundary" {
  description = "Permissions boundary for every function role, or null."
  type        = string
  default     = null
}
