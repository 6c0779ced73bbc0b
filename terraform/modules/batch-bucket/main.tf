data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "this" {
  bucket        = var.bucket_name
  force_destroy = var.force_destroy

  tags = var.tags
}

resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket = aws_s3_bucket.this.id

  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = var.sse_algorithm
      kms_master_key_id = var.sse_algorithm == "aws:kms" ? var.kms_key_arn : null
    }
    bucket_key_enabled = var.sse_algorithm == "aws:kms"
  }
}

# Versioning on: the trigger dedupes S3's at-least-once events by bucket/key/version (DESIGN.md §4, event dedupe),
# so a file uploaded again under the same key is a new batch, and a repeated event for one upload is not.
resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = [aws_s3_bucket.this.arn, "${aws_s3_bucket.this.arn}/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })

  # S3 refuses a policy while the public access block is being changed.
  depends_on = [aws_s3_bucket_public_access_block.this]
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  rule {
    id     = "expire-results"
    status = "Enabled"

    filter {
      prefix = var.output_prefix
    }

    expiration {
      days = var.output_expiration_days
    }
  }

  dynamic "rule" {
    for_each = var.input_expiration_days == null ? [] : [var.input_expiration_days]
    content {
      id     = "expire-inputs"
      status = "Enabled"

      filter {
        prefix = var.input_prefix
      }

      expiration {
        days = rule.value
      }
    }
  }

  # With versioning on, overwritten and expired objects stay as noncurrent versions until this removes them.
  rule {
    id     = "expire-noncurrent-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_expiration_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = var.abort_incomplete_multipart_upload_days
    }

    expiration {
      expired_object_delete_marker = true
    }
  }

  depends_on = [aws_s3_bucket_versioning.this]
}

# S3 may invoke the trigger function for this bucket, in this account, only.
resource "aws_lambda_permission" "s3" {
  count = var.create_notification ? 1 : 0

  statement_id   = "AllowBatchBucketNotification"
  action         = "lambda:InvokeFunction"
  function_name  = var.notification_function_arn
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.this.arn
  source_account = data.aws_caller_identity.current.account_id
}

# Only files created under the input prefix start batches; results are written under the output prefix, which
# the variables' validation keeps apart from it, so a result can never trigger another batch.
resource "aws_s3_bucket_notification" "this" {
  count = var.create_notification ? 1 : 0

  bucket = aws_s3_bucket.this.id

  lambda_function {
    id                  = "start-batches"
    lambda_function_arn = var.notification_function_arn
    events              = ["s3:ObjectCreated:*"]
    filter_prefix       = var.input_prefix
    filter_suffix       = var.input_suffix
  }

  depends_on = [aws_lambda_permission.s3]
}
