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

variable "trigger_tenant" {
  description = "The tenant that owns batches started from the bucket."
  type        = string
  default     = "default"
}
