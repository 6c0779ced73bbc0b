mock_provider "aws" {
  mock_resource "aws_s3_bucket" {
    defaults = { arn = "arn:aws:s3:::ponder-batches-test" }
  }
  mock_data "aws_caller_identity" {
    defaults = { account_id = "123456789012" }
  }
}

variables {
  bucket_name               = "ponder-batches-test"
  notification_function_arn = "arn:aws:lambda:eu-west-1:123456789012:function:ponder-trigger"
}

run "locked_down_and_encrypted" {
  assert {
    condition = alltrue([
      aws_s3_bucket_public_access_block.this.block_public_acls,
      aws_s3_bucket_public_access_block.this.block_public_policy,
      aws_s3_bucket_public_access_block.this.ignore_public_acls,
      aws_s3_bucket_public_access_block.this.restrict_public_buckets,
    ])
    error_message = "all four public access blocks must be on"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).sse_algorithm == "AES256"
    error_message = "default encryption must be on (SSE-S3 by default)"
  }
  assert {
    condition     = one(aws_s3_bucket_ownership_controls.this.rule).object_ownership == "BucketOwnerEnforced"
    error_message = "ACLs must be disabled (BucketOwnerEnforced)"
  }
  assert {
    condition     = aws_s3_bucket_versioning.this.versioning_configuration[0].status == "Enabled"
    error_message = "versioning must be on (events are deduped by version)"
  }
  assert {
    condition = jsondecode(aws_s3_bucket_policy.this.policy).Statement[0] == {
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::ponder-batches-test", "arn:aws:s3:::ponder-batches-test/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }
    error_message = "the bucket policy must refuse requests without TLS"
  }
}

run "notifies_only_for_the_input_prefix" {
  assert {
    condition     = output.notification.filter_prefix == "incoming/" && output.notification.filter_suffix == ".jsonl"
    error_message = "the notification must be filtered to incoming/*.jsonl"
  }
  assert {
    condition     = output.notification.events == toset(["s3:ObjectCreated:*"])
    error_message = "the notification must fire on object creation only"
  }
  assert {
    condition     = length(aws_s3_bucket_notification.this[0].lambda_function) == 1 && length(aws_s3_bucket_notification.this[0].queue) == 0 && length(aws_s3_bucket_notification.this[0].topic) == 0
    error_message = "the bucket must have exactly one notification"
  }
  assert {
    condition     = !startswith(var.output_prefix, output.notification.filter_prefix)
    error_message = "results must never match the notification's prefix"
  }
  assert {
    condition     = aws_lambda_permission.s3[0].principal == "s3.amazonaws.com" && aws_lambda_permission.s3[0].source_arn == "arn:aws:s3:::ponder-batches-test" && aws_lambda_permission.s3[0].source_account == "123456789012"
    error_message = "S3 may invoke the trigger for this bucket and account only"
  }
}

run "expires_results" {
  variables {
    output_expiration_days = 7
  }
  assert {
    condition = anytrue([
      for r in aws_s3_bucket_lifecycle_configuration.this.rule :
      r.id == "expire-results" && r.status == "Enabled" && r.filter[0].prefix == "results/" && r.expiration[0].days == 7
    ])
    error_message = "results must expire after output_expiration_days"
  }
  assert {
    condition     = !anytrue([for r in aws_s3_bucket_lifecycle_configuration.this.rule : r.id == "expire-inputs"])
    error_message = "inputs are kept unless input_expiration_days is set"
  }
}

run "kms" {
  variables {
    sse_algorithm = "aws:kms"
    kms_key_arn   = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
  assert {
    condition     = one(one(aws_s3_bucket_server_side_encryption_configuration.this.rule).apply_server_side_encryption_by_default).kms_master_key_id == var.kms_key_arn
    error_message = "SSE-KMS must use the given key"
  }
  assert {
    condition     = one(aws_s3_bucket_server_side_encryption_configuration.this.rule).bucket_key_enabled
    error_message = "SSE-KMS must use an S3 bucket key"
  }
}

run "without_notification" {
  variables {
    create_notification       = false
    notification_function_arn = null
  }
  assert {
    condition     = length(aws_s3_bucket_notification.this) == 0 && length(aws_lambda_permission.s3) == 0 && output.notification == null
    error_message = "no notification and no permission when create_notification is false"
  }
}

run "rejects_an_output_prefix_inside_the_input_prefix" {
  command = plan
  variables {
    output_prefix = "incoming/results/"
  }
  expect_failures = [var.output_prefix]
}

run "rejects_an_input_prefix_inside_the_output_prefix" {
  command = plan
  variables {
    input_prefix  = "results/in/"
    output_prefix = "results/"
  }
  expect_failures = [var.output_prefix]
}

run "rejects_equal_prefixes" {
  command = plan
  variables {
    input_prefix  = "batches/"
    output_prefix = "batches/"
  }
  expect_failures = [var.output_prefix]
}

run "rejects_an_empty_prefix" {
  command = plan
  variables {
    input_prefix = ""
  }
  expect_failures = [var.input_prefix]
}

run "rejects_a_prefix_without_slash" {
  command = plan
  variables {
    output_prefix = "results"
  }
  expect_failures = [var.output_prefix]
}

run "rejects_kms_without_a_key" {
  command = plan
  variables {
    sse_algorithm = "aws:kms"
  }
  expect_failures = [var.kms_key_arn]
}
