import { RightsField } from '../rights.dto';

export class ChangeProfileRightsRequestDto {
  @RightsField()
  rights!: string[];
}
