import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsNotEmpty, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Metadata only for now: storage of the file itself comes with the document service. */
export class AttachDocumentRequestDto {
  @ApiProperty({ example: 'capture-erreur.png' }) @IsString() @IsNotEmpty() @MaxLength(255) name!: string;

  @ApiProperty({ example: 'image/png' })
  @Matches(/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i, { message: 'mimeType must be a media type such as image/png' })
  mimeType!: string;

  @ApiProperty() @IsInt() @Min(0) @Max(1_000_000_000) sizeBytes!: number;
}
